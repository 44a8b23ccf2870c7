/*
** The input of the synthesis of evaluations: the candidate's file as the
** actor may see it (svc_candidate_doc checks the permission and the
** scope), and the name of the certification centre that holds the
** registration it shows. The document itself is drawn by doc/synthesis.c
** from this JSON alone.
*/
#include "service/svc_int.h"
#include "core/catalogue.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int svc_synthesis_input(struct svc *s, int64_t candidate_id, struct synthesis_input *in)
{
	const json_t *reg;
	const char *code;
	struct centre *c;
	int found;

	memset(in, 0, sizeof *in);
	if (svc_candidate_doc(s, candidate_id, &in->doc))
		return -1;
	reg = json_object_get(in->doc, "registration");
	code = *jstr(reg, "centre") ? jstr(reg, "centre") : jstr(in->doc, "centre");
	/* the actor sees the candidate: the name of his centre is no secret */
	c = xcalloc(1, sizeof *c);
	found = store_centre_by_code(s->st, code, c);
	if (found < 0) {
		free(c);
		json_decref(in->doc);
		in->doc = NULL;
		return svc_fail(s, SVC_INTERNAL, NULL, NULL, "Lecture des centres impossible.");
	}
	snprintf(in->centre_name, sizeof in->centre_name, "%s", found ? c->name : code);
	free(c);
	svc_today(s, in->date);
	svc_now_iso(s, in->timestamp);
	return 0;
}
