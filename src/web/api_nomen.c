/*
** GET /api/v1/nomenclatures/{kind}?q=&limit=
** The national nomenclatures (nsf, rome, naf, level): codes and labels,
** public like the catalogue.
*/
#include "web/web_int.h"
#include "core/validate.h"
#include <stdlib.h>

static int nomen_item(void *arg, const char *code, const char *label, const char *parent)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:s}", "code", code,
		"label", label, "parent", parent));
	return 0;
}

void api_nomenclature(struct req *r)
{
	json_t *items = json_array();
	const char *lim = req_query(r, "limit");

	if (svc_nomen_search(&r->svc, r->param, req_query(r, "q"), lim ? (int)parse_count(lim, 1, 1000) : 100,
		nomen_item, items)) {
		json_decref(items);
		res_json_error(r, &r->svc.res);
		return;
	}
	res_json(r, 200, json_pack("{s:s, s:o}", "kind", r->param, "items", items));
}
