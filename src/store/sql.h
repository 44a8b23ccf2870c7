/*
** The SQL text of each engine (one file per engine).
*/
#ifndef CQPM_SQL_H
#define CQPM_SQL_H
#include "store/db.h"

extern const char *const sqlite_sql[ST__MAX];
extern const char *const sqlite_migrations[];

#endif
