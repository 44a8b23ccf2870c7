/*
** French wording of system errors. glibc's strerror() follows the locale,
** and a server usually runs without a French one: cqpm's messages to users
** must be French whatever the machine.
*/
#ifndef CQPM_ERRFR_H
#define CQPM_ERRFR_H

/* A French description of errno value e (never NULL). */
const char *errno_fr(int e);

#endif
