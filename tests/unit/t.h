/*
** A minimal unit-test harness. Each test file defines tests with TEST(name)
** and links with t_main.c, which runs them all and ends with the line
** "N passed, N failed". A failed check prints file:line and the expression,
** then the test goes on (so one run shows every failure of a test).
*/
#ifndef CQPM_T_H
#define CQPM_T_H
#include <stdio.h>
#include <string.h>

typedef void (*t_fn)(void);
void t_register(const char *name, t_fn fn);
void t_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
extern int t_checks;

#define TEST(name) \
	static void test_##name(void); \
	__attribute__((constructor)) static void reg_##name(void) \
	{ t_register(#name, test_##name); } \
	static void test_##name(void)

#define CHECK(cond) do { t_checks++; if (!(cond)) \
	t_fail(__FILE__, __LINE__, "%s", #cond); } while (0)

#define CHECK_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
	t_checks++; if (a_ != b_) t_fail(__FILE__, __LINE__, \
	"%s == %lld, attendu %lld", #a, a_, b_); } while (0)

#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); t_checks++; \
	if (!a_ || !b_ || strcmp(a_, b_)) t_fail(__FILE__, __LINE__, \
	"%s == \"%s\", attendu \"%s\"", #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
	} while (0)

#define CHECK_CONTAINS(hay, needle) do { const char *h_ = (hay), *n_ = (needle); \
	t_checks++; if (!h_ || !strstr(h_, n_)) t_fail(__FILE__, __LINE__, \
	"%s ne contient pas \"%s\"", #hay, n_); } while (0)

#endif
