/*
** French wording of system errors (see errfr.h).
*/
#include "util/errfr.h"
#include <errno.h>

const char *errno_fr(int e)
{
	switch (e) {
	case ENOENT: return "fichier ou dossier introuvable";
	case EACCES: case EPERM: return "accès refusé";
	case EISDIR: return "c'est un dossier";
	case ENOTDIR: return "un élément du chemin n'est pas un dossier";
	case ENOSPC: return "plus de place sur le disque";
	case EROFS: return "système de fichiers en lecture seule";
	case EMFILE: case ENFILE: return "trop de fichiers ouverts";
	case ENAMETOOLONG: return "chemin trop long";
	case ELOOP: return "trop de liens symboliques";
	case EIO: return "erreur d'entrée-sortie";
	case ENOMEM: return "mémoire insuffisante";
	case EFBIG: return "fichier trop volumineux";
	case EINVAL: return "argument invalide";
	default: return "erreur système";
	}
}
