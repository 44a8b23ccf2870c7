/*
** Typed store operations of the VAE (R-VAE-1..3): the admissibility file
** of a registration (table vae_file, the CERFA 12818*02 data as JSON), its
** validation commission (table vae_commission) and whether the evidence
** file (livret 2, a document of type 'livret2') is in.
*/
#ifndef CQPM_STORE_VAE_H
#define CQPM_STORE_VAE_H
#include "store/store.h"
#include <stdint.h>

/* One admissibility file. cerfa is allocated by store_vae_file_get
** (release with vae_file_release). */
struct vae_file_row {
	int64_t registration_id;
	char state[16];               /* received, admissible, not_admissible, incomplete */
	char received_on[12], completed_on[12], decided_on[12];
	char motive[2048];
	char communicated_on[12];     /* the last decision told to the candidate, or "" */
	char communicated_means[16];  /* courrier, courriel, remise, or "" */
	char *cerfa;                  /* JSON text */
	char updated_at[32];
};
void vae_file_release(struct vae_file_row *f);

/* 1 found (f filled, f->cerfa allocated), 0 not, -1 error. */
int store_vae_file_get(struct store *st, int64_t registration_id,
	struct vae_file_row *f);
/* Inserts or replaces the file of f->registration_id. */
int store_vae_file_put(struct store *st, const struct vae_file_row *f);

/* The validation commission of one registration. */
struct vae_commission_row {
	int64_t registration_id, chair_centre_id;
	char chair_name[800];
	char chair_centre[40];        /* the centre's code (read only) */
	char held_on[12];
	int work_situation, interview;
	char conclusion[16];          /* none, partial, total */
	char validated[4000];         /* space-separated unit codes */
	char comment[8000];
	char recorded_at[32];
};
int store_vae_commission_get(struct store *st, int64_t registration_id,
	struct vae_commission_row *m);
int store_vae_commission_put(struct store *st, const struct vae_commission_row *m);

/* Number of documents of type 'livret2' of the registration; -1 on error. */
int64_t store_vae_livret2_count(struct store *st, int64_t registration_id);

#endif
