/*
** Typed store operations of the VAE (see store_vae.h).
*/
#include "store/store_int.h"
#include "store/store_vae.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

void vae_file_release(struct vae_file_row *f)
{
	free(f->cerfa);
	f->cerfa = NULL;
}

static void file_read(const struct db_engine *eng, struct db_stmt *s,
	struct vae_file_row *f)
{
	f->registration_id = CI(s, 0);
	store_copy(f->state, sizeof f->state, CT(s, 1));
	store_copy(f->received_on, sizeof f->received_on, CT(s, 2));
	store_copy(f->completed_on, sizeof f->completed_on, CT(s, 3));
	store_copy(f->decided_on, sizeof f->decided_on, CT(s, 4));
	store_copy(f->motive, sizeof f->motive, CT(s, 5));
	store_copy(f->communicated_on, sizeof f->communicated_on, CT(s, 6));
	store_copy(f->communicated_means, sizeof f->communicated_means, CT(s, 7));
	f->cerfa = xstrdup(CT(s, 8));
	store_copy(f->updated_at, sizeof f->updated_at, CT(s, 9));
}

int store_vae_file_get(struct store *st, int64_t registration_id,
	struct vae_file_row *f)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_VAE_FILE_GET);
	BI(s, 1, registration_id);
	ONE_ROW(eng, s, file_read, f);
}

int store_vae_file_put(struct store *st, const struct vae_file_row *f)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_VAE_FILE_PUT);

	BI(s, 1, f->registration_id);
	BT(s, 2, f->state);
	BT(s, 3, f->received_on);
	BT(s, 4, f->completed_on);
	BT(s, 5, f->decided_on);
	BT(s, 6, f->motive);
	BT(s, 7, f->communicated_on);
	BT(s, 8, f->communicated_means);
	BT(s, 9, f->cerfa ? f->cerfa : "{}");
	BT(s, 10, f->updated_at);
	return store_write_done(eng, s);
}

static void commission_read(const struct db_engine *eng, struct db_stmt *s,
	struct vae_commission_row *m)
{
	m->registration_id = CI(s, 0);
	store_copy(m->chair_name, sizeof m->chair_name, CT(s, 1));
	m->chair_centre_id = CI(s, 2);
	store_copy(m->chair_centre, sizeof m->chair_centre, CT(s, 3));
	store_copy(m->held_on, sizeof m->held_on, CT(s, 4));
	m->work_situation = CI(s, 5) != 0;
	m->interview = CI(s, 6) != 0;
	store_copy(m->conclusion, sizeof m->conclusion, CT(s, 7));
	store_copy(m->validated, sizeof m->validated, CT(s, 8));
	store_copy(m->comment, sizeof m->comment, CT(s, 9));
	store_copy(m->recorded_at, sizeof m->recorded_at, CT(s, 10));
}

int store_vae_commission_get(struct store *st, int64_t registration_id,
	struct vae_commission_row *m)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_VAE_COMMISSION_GET);
	BI(s, 1, registration_id);
	ONE_ROW(eng, s, commission_read, m);
}

int store_vae_commission_put(struct store *st, const struct vae_commission_row *m)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_VAE_COMMISSION_PUT);

	BI(s, 1, m->registration_id);
	BT(s, 2, m->chair_name);
	BI(s, 3, m->chair_centre_id);
	BT(s, 4, m->held_on);
	BI(s, 5, m->work_situation ? 1 : 0);
	BI(s, 6, m->interview ? 1 : 0);
	BT(s, 7, m->conclusion);
	BT(s, 8, m->validated);
	BT(s, 9, m->comment);
	BT(s, 10, m->recorded_at);
	return store_write_done(eng, s);
}

int64_t store_vae_livret2_count(struct store *st, int64_t registration_id)
{
	const struct db_engine *eng = ENG(st);
	struct db_stmt *s = PREP(st, ST_VAE_LIVRET2_COUNT);
	BI(s, 1, registration_id);
	return store_count(eng, s);
}
