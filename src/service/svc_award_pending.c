/*
** TEMPORARY: the award hooks the signature and the correction call, until
** svc_award.c lands (another branch). They award nothing.
*/
#include "service/svc_int.h"

int svc_award_signed(struct svc *s, int64_t jury_id, const char *date)
{
	(void)s;
	(void)jury_id;
	(void)date;
	return 0;
}

int svc_award_corrected(struct svc *s, int64_t jury_id, int64_t registration_id,
	int64_t old_decision_id, int64_t new_decision_id, const char *date)
{
	(void)s;
	(void)jury_id;
	(void)registration_id;
	(void)old_decision_id;
	(void)new_decision_id;
	(void)date;
	return 0;
}
