/*
** The route table: every page and API endpoint of cqpm, in one place.
** Each handler begins with its own permission check (through the
** service it calls); this table only maps method and path.
*/
#include "web/web_int.h"

const struct route web_routes[] = {
	{ M_GET, "/", page_home, NULL, 0 },
	{ M_GET, "/static/cqpm.css", page_static_css, NULL, 0 },
	{ M_GET, "/certifications", page_catalogue, NULL, 0 },
	{ M_GET, "/certifications/{}", page_certification, NULL, 0 },
	{ M_GET, "/connexion", page_login, NULL, 0 },
	{ M_POST, "/connexion", page_login_post, NULL, 0 },
	{ M_POST, "/deconnexion", page_logout, NULL, 0 },
	{ M_GET, "/compte", page_account, NULL, 0 },
	{ M_POST, "/compte/mot-de-passe", page_account_password, NULL, 0 },
	{ M_GET, "/admin/centres", page_centres, NULL, 0 },
	{ M_POST, "/admin/centres", page_centres_post, NULL, 0 },
	{ M_GET, "/admin/comptes", page_users, NULL, 0 },
	{ M_POST, "/admin/comptes", page_users_post, NULL, 0 },
	{ M_POST, "/admin/comptes/{}", page_user_disable, "/desactiver", 0 },
	{ M_POST, "/admin/comptes/{}", page_user_enable, "/reactiver", 0 },
	{ M_GET, "/admin/audit", page_audit, NULL, 0 },
	{ M_GET, "/admin/import", page_import, NULL, 0 },
	{ M_POST, "/admin/import", page_import_post, NULL, 0 },
	{ M_GET, "/organismes", page_bodies, NULL, 0 },
	{ M_POST, "/organismes", page_bodies_post, NULL, 0 },
	{ M_GET, "/organismes/{}", page_body, NULL, 0 },
	{ M_POST, "/organismes/{}", page_body_instruct, "/instruction", 0 },
	{ M_POST, "/organismes/{}", page_body_decide, "/decision", 0 },
	{ M_GET, "/candidats/{}", page_synthesis, "/synthese.pdf", 0 },

	{ M_GET, "/api/v1/certifications", api_certifications, NULL, 0 },
	{ M_GET, "/api/v1/certifications/{}", api_certification, NULL, 0 },
	{ M_POST, "/api/v1/session", api_session_post, NULL, ROUTE_NO_CSRF },
	{ M_POST, "/api/v1/session/fin", api_session_delete, NULL, 0 },
	{ M_GET, "/api/v1/me", api_me, NULL, 0 },
	{ M_POST, "/api/v1/me/password", api_me_password, NULL, 0 },
	{ M_GET, "/api/v1/centres", api_centres, NULL, 0 },
	{ M_POST, "/api/v1/centres", api_centres_post, NULL, 0 },
	{ M_GET, "/api/v1/users", api_users, NULL, 0 },
	{ M_POST, "/api/v1/users", api_users_post, NULL, 0 },
	{ M_POST, "/api/v1/users/{}", api_user_password, "/password", 0 },
	{ M_GET, "/api/v1/audit", api_audit, NULL, 0 },
	{ M_POST, "/api/v1/imports", api_imports_post, NULL, 0 },
	{ M_GET, "/api/v1/nomenclatures/{}", api_nomenclature, NULL, 0 },
	{ M_GET, "/api/v1/organisations", api_bodies, NULL, 0 },
	{ M_POST, "/api/v1/organisations", api_bodies_post, NULL, 0 },
	{ M_GET, "/api/v1/organisations/{}", api_body, NULL, 0 },
	{ M_POST, "/api/v1/organisations/{}", api_body_instruct, "/instruction", 0 },
	{ M_POST, "/api/v1/organisations/{}", api_body_decide, "/decision", 0 },
	{ M_GET, "/api/v1/candidates/{}", api_synthesis, "/synthesis.pdf", 0 },
};

const size_t web_nroutes = sizeof web_routes / sizeof *web_routes;
