#!/bin/sh
# Golden tests of the documents of the jury (doc/jurydoc.h), run by
# `meson test` (tests/run.sh unit): renders each document of the jury of
# tests/data/jury/ (three candidates: admitted with a company, not
# admitted with a block acquired, a job seeker not admitted with nothing
# acquired; a certificate of each kind and a duplicate) with fixed dates,
# reads it back with poppler (pdftotext -layout, pdfinfo), compares the
# text with tests/data/jury/expected/NAME.txt and its page count, then
# checks what each document is there for (rule ids named). Then the zip of
# the whole jury through the streaming writer, checked by unzip -t.
#
# usage: tests/doc/jury_golden.sh JURYDOC_RENDER [--update]
# --update rewrites the expected texts from the current output (review
# the difference before committing it).
# Ends with "N passed, N failed"; exit status 1 if anything failed.
set -u
cd "$(dirname "$0")/../.."
RENDER=$1
UPDATE=${2:-}
DATA=tests/data/jury
EXP=$DATA/expected
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cqpm-jury-XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
passed=0
failed=0

ok() { echo "ok   $1"; passed=$((passed + 1)); }
ko() { echo "FAIL $1"; shift; for l in "$@"; do echo "  $l"; done; failed=$((failed + 1)); }

for tool in pdftotext pdfinfo unzip; do
	command -v $tool >/dev/null 2>&1 || { echo "FAIL $tool manque (paquets poppler-utils, unzip)"; echo "0 passed, 1 failed"; exit 1; }
done

pages_of() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

# golden NAME PAGES KIND JSON [ARGS…]: the text as expected, PAGES pages
golden() {
	name=$1 pages=$2 kind=$3 json=$4; shift 4
	if ! "$RENDER" "$kind" "$DATA/$json" "$TMP/$name.pdf" "$@" >"$TMP/$name.n" 2>"$TMP/$name.err"; then
		ko "$name: rendu" "$(cat "$TMP/$name.err")"
		return 0
	fi
	pdftotext -layout "$TMP/$name.pdf" "$TMP/$name.txt"
	if [ "$UPDATE" = --update ]; then
		mkdir -p "$EXP"
		cp "$TMP/$name.txt" "$EXP/$name.txt"
	fi
	if diff -u "$EXP/$name.txt" "$TMP/$name.txt" >"$TMP/$name.diff" 2>&1; then
		ok "$name: texte conforme"
	else
		ko "$name: texte différent de $EXP/$name.txt" "$(head -40 "$TMP/$name.diff")"
	fi
	n=$(pages_of "$TMP/$name.pdf")
	if [ "$n" = "$pages" ] && [ "$(cat "$TMP/$name.n")" = "$pages" ]; then
		ok "$name: $pages pages"
	else
		ko "$name: $n pages (annoncées $(cat "$TMP/$name.n")), $pages attendues"
	fi
}

# has NAME TEXT / hasnt NAME TEXT (fixed strings; the text with its lines joined)
joined() { tr '\n' ' ' <"$TMP/$1.txt" | tr -s ' '; }
has() { if joined "$1" | grep -qF -- "$2"; then ok "$1: contient « $2 »"; else ko "$1: ne contient pas « $2 »"; fi; }
hasnt() { if joined "$1" | grep -qiF -- "$2"; then ko "$1: contient « $2 »"; else ok "$1: sans « $2 »"; fi; }
# refused KIND JSON [ARGS…]: rendering fails cleanly with a French message
refused() {
	label=$1; shift
	"$RENDER" "$@" >/dev/null 2>"$TMP/refused.err"
	rc=$?
	if [ $rc = 1 ] && grep -q "^jurydoc_render: .*[a-z]" "$TMP/refused.err"; then
		ok "$label: refusé ($(sed 's/^jurydoc_render: //' "$TMP/refused.err"))"
	else
		ko "$label: code $rc" "$(cat "$TMP/refused.err")"
	fi
}

# Certificates, annexes 7 to 11 (R-CER-2, R-JUR-12)
golden cert-cqpm 1 certificate cert-cqpm.json --images "$DATA"
has cert-cqpm "Commission Paritaire Nationale de l’Emploi de la Métallurgie"
has cert-cqpm "CERTIFICAT DE QUALIFICATION PARITAIRE DE LA MÉTALLURGIE"
has cert-cqpm "N° Certificat MC 2026 007 00001 66"
has cert-cqpm "CQPM Technicien en maintenance industrielle *"
has cert-cqpm "MQ 2019 06 69 0337"
has cert-cqpm "(Niveau 4 selon le Cadre National des Certifications Professionnelles)"
has cert-cqpm "Délivré à : Léa MARTIN"
has cert-cqpm "Né(e) le 12 avril 1995 à Lyon (69)"
has cert-cqpm "À l’issue de la délibération du jury réuni le 15 décembre 2026"
has cert-cqpm "Fait à Lyon le 15 décembre 2026"
has cert-cqpm "Le Président du jury de délibération"
has cert-cqpm "Le Président de la Chambre Syndicale"
has cert-cqpm "en date du 26 mars 2020"
has cert-cqpm "https://cqpm.uimm.example/verifier/MC20260070000166"
hasnt cert-cqpm "Duplicata"
golden cert-cqpm-duplicate 1 certificate cert-cqpm-duplicate.json
# R-CER-1: the duplicate's mention, same number
has cert-cqpm-duplicate "Duplicata certifié conforme à l’original n° MC 2026 007 00001 66, délivré le 02/03/2027."
has cert-cqpm-duplicate "N° Certificat MC 2026 007 00001 66"
golden cert-block 1 certificate cert-block.json
has cert-block "CERTIFICAT DE BLOC DE COMPÉTENCES"
has cert-block "Diagnostic des pannes *"
has cert-block "RNCP34532BC01"
has cert-block "Le bloc de compétences correspondant est inscrit au Répertoire National des Certifications Professionnelles auprès de France Compétences en date du 26 mars 2020."
golden cert-cqpi 2 certificate cert-cqpi.json
has cert-cqpi "CERTIFICAT DE QUALIFICATION PROFESSIONNELLE INTERBRANCHES"
has cert-cqpi "Les fédérations signataires de la présente charte"
golden cert-ccpm 1 certificate cert-ccpm.json
has cert-ccpm "CERTIFICAT DE COMPÉTENCES PROFESSIONNELLES DE LA MÉTALLURGIE"
hasnt cert-ccpm "Répertoire National"
hasnt cert-ccpm "Niveau"
golden cert-ccpi 2 certificate cert-ccpi.json
has cert-ccpi "Le présent certificat a été délivré à Léa MARTIN"
has cert-ccpi "Le Titulaire"
has cert-ccpi "Sous l’égide de la commission paritaire nationale de l’emploi"

# Letters (R-LET-1..3)
golden letter-admitted 1 letter jury.json C-001 --images "$DATA"
has letter-admitted "a prononcé votre admission à la certification « Technicien en maintenance industrielle » (MQ 2019 06 69 0337)"
has letter-admitted "n° MC 2026 007 00001 66"
has letter-admitted "Copie adressée à l’entreprise : Forges de Vénissieux"
has letter-admitted "12, rue des Lilas"
golden letter-partial 1 letter jury.json 102 --images "$DATA"
has letter-partial "n’a pas prononcé votre admission"
has letter-partial "Vous avez acquis et validé les blocs de compétences suivants :"
has letter-partial "– RNCP34532BC01 — Diagnostic des pannes"
has letter-partial "pendant 5 ans à compter de la décision du jury, soit jusqu’au 15/12/2031 inclus"
has letter-partial "passeport orientation et formation"
has letter-partial "À Lyon, le 15 décembre 2026"
hasnt letter-partial "Copie adressée"
golden letter-none 1 letter jury.json C-003
has letter-none "n’a pas prononcé votre admission à la certification « Conduite de ligne automatisée »"
has letter-none "aucun bloc de compétences ni aucune compétence"
has letter-none "Le Président du jury paritaire de délibération Sophie LAMBERT"
has letter-none "À Lyon, le 15 décembre 2026"
hasnt letter-none "Vous avez acquis"

# Annex 13, annex 14 (R-JUR-11), annex 12 (R-GTP-1)
golden attendance 1 attendance jury.json
has attendance "UIMM territoriale : UIMM Lyon-France"
has attendance "JURY PARITAIRE DE DÉLIBÉRATION du 15 décembre 2026"
has attendance "Président : Sophie LAMBERT"
has attendance "Qualité : Directrice des ressources humaines"
has attendance "Karim BENALI"
has attendance "FO Métaux du Rhône (organisation invitée, sans désignation)"
has attendance "Signature du Président"
golden minutes 2 minutes jury.json
has minutes "Certification professionnelle : MQ 2019 06 69 0337"
has minutes "« Technicien en maintenance industrielle »"
has minutes "Certification professionnelle : CCPM 2021 09 0012"
has minutes "Forges de Vénissieux"
has minutes "(Plasturgie)"
has minutes "A : Admis, NA : Non admis"
if pdfinfo "$TMP/minutes.pdf" | grep -q "^Page size: *841.89 x 595.276"; then ok "minutes: A4 paysage"; else ko "minutes: pas en A4 paysage"; fi
# note 7: the job seeker's row has no company column filled
row=$(grep "Aïcha DIALLO" "$TMP/minutes.txt")
if echo "$row" | grep -qE "DE +POEI +NA"; then ok "minutes: demandeur d’emploi sans colonnes d’entreprise"; else ko "minutes: ligne du demandeur d’emploi" "$row"; fi
golden gtp 1 gtp jury.json
has gtp "Secrétariat du GTP « Certifications »"
has gtp "75854 Paris Cedex 17"
has gtp "Nous attestons que l’organisation et le déroulement des actions de validation ont été conformes"

# R-JUR-8, R-JUR-1, R-JUR-9
golden cprefp 1 cprefp jury.json
has cprefp "composition et calendrier du jury paritaire de délibération du 15 décembre 2026"
has cprefp "(version 2)"
has cprefp "Président, voix"
has cprefp "Invités sans voix délibérative"
golden request 1 request jury.json CGT
has request "Union syndicale CGT des travailleurs de la métallurgie"
has request "Un seul d’entre eux siège avec voix délibérative."
has request "au plus tard le 30 novembre 2026"
golden convocation 1 convocation jury.json 13
has convocation "Vous êtes convoqué(e)"
has convocation "avec voix délibérative"
has convocation "Copie : Union territoriale CFDT de la métallurgie du Rhône, organisation syndicale mandante."
"$RENDER" convocation "$DATA/jury.json" "$TMP/invited.pdf" 15 >/dev/null && pdftotext "$TMP/invited.pdf" "$TMP/invited.txt"
has invited "sans voix délibérative, à titre consultatif"
hasnt invited "Copie :"

# An anonymous jury (a member's view before the signature): what needs
# names is refused with a message, the rest is drawn, nothing crashes.
refused "anonyme: lettre" letter "$DATA/anonymous.json" "$TMP/x.pdf" C-001
golden minutes-anonymous 2 minutes anonymous.json
has minutes-anonymous "C-001"
hasnt minutes-anonymous "MARTIN"
for k in attendance gtp cprefp; do
	if "$RENDER" $k "$DATA/anonymous.json" "$TMP/anon-$k.pdf" >/dev/null 2>&1; then ok "anonyme: $k rendu"; else ko "anonyme: $k"; fi
done
refused "lettre: candidat inconnu" letter "$DATA/jury.json" "$TMP/x.pdf" C-999
refused "convocation: membre inconnu" convocation "$DATA/jury.json" "$TMP/x.pdf" 999
refused "demande: syndicat inconnu" request "$DATA/jury.json" "$TMP/x.pdf" XYZ
refused "certificat: un jury n'est pas un certificat" certificate "$DATA/jury.json" "$TMP/x.pdf"

# Reproducible: the same input gives the same bytes
"$RENDER" certificate "$DATA/cert-cqpm.json" "$TMP/again.pdf" --images "$DATA" >/dev/null
if cmp -s "$TMP/cert-cqpm.pdf" "$TMP/again.pdf"; then ok "cert-cqpm: rendu reproductible"; else ko "cert-cqpm: deux rendus diffèrent"; fi

# The whole jury in one zip, streamed (zipw): every entry sound
if "$RENDER" zip "$DATA/jury.json" "$TMP/jury.zip" >/dev/null 2>"$TMP/zip.err"; then
	if unzip -t "$TMP/jury.zip" >"$TMP/unzip.txt" 2>&1 && grep -q "^No errors detected" "$TMP/unzip.txt"; then
		ok "zip: unzip -t sans erreur"
	else
		ko "zip: unzip -t" "$(tail -5 "$TMP/unzip.txt")"
	fi
	n=$(unzip -Z1 "$TMP/jury.zip" | wc -l)
	if [ "$n" = 11 ]; then ok "zip: 11 documents"; else ko "zip: $n documents, 11 attendus"; fi
	mkdir -p "$TMP/x" && (cd "$TMP/x" && unzip -q ../jury.zip candidats/C-002/lettre.pdf)
	if pdftotext "$TMP/x/candidats/C-002/lettre.pdf" - | grep -qF "Vous avez acquis et validé"; then
		ok "zip: la lettre R-LET-3 lisible après extraction"
	else
		ko "zip: lettre extraite illisible"
	fi
else
	ko "zip: rendu" "$(cat "$TMP/zip.err")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
