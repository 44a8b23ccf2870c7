#!/usr/bin/env python3
"""Mail merge of the admission letter as ODT, the way a centre does it
today with a word processor: one ODT per candidate from a template.

  odt_merge.py csv N > candidates.csv      generates N fictitious candidates
  odt_merge.py merge CSV OUTDIR [TEMPLATE]  one letter-NNNNN.odt per row

The CSV (comma-separated, UTF-8, a header line) has the columns nom,
adresse, certification, date_jury; the address's lines are separated by
" | ". The template is a directory holding content.xml, styles.xml,
meta.xml and META-INF/manifest.xml, where {{field}} is replaced by the
value, escaped for XML ({{adresse}} with line breaks). An ODT is a zip
whose first member is "mimetype", stored uncompressed.

Python 3 standard library only.
"""
import csv
import os
import random
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = ("nom", "adresse", "certification", "date_jury")
MEMBERS = ("content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml")
MIMETYPE = b"application/vnd.oasis.opendocument.text"

# The centre and the jury: fixed, as on a centre's own template.
CENTRE = {
    "centre": "UIMM Grand Est — centre de certification",
    "centre_adresse": "12 rue de l'Industrie, 57000 Metz",
    "ville": "Metz",
    "president": "Mme Hélène Lefèvre, collège employeurs",
}

FIRST = ("Jean", "Marie", "Loïc", "Amélie", "François", "Chloé", "Noël", "Zoé",
         "Jérôme", "Inès", "Benoît", "Maëlle", "Hervé", "Agnès", "Grégoire", "Léa")
LAST = ("Martin", "Lefèvre", "Dupré", "Bénard", "Moreau", "Gauthier", "Caron",
        "Müller", "Nguyen", "Da Silva", "Le Goff", "Dubœuf", "Perrin", "Roussel")
STREETS = ("rue des Forges", "avenue de la Sidérurgie", "chemin du Haut-Fourneau",
           "place de l'Hôtel-de-Ville", "boulevard Émile-Zola", "allée des Tréfileries")
CITIES = (("57100", "Thionville"), ("54000", "Nancy"), ("88000", "Épinal"),
          ("67000", "Strasbourg"), ("68100", "Mulhouse"), ("51100", "Reims"))
CERTS = ("CQPM MQ 2009 03 69 0285 — Opérateur régleur sur machine-outil à commande numérique",
         "CQPM MQ 2008 09 69 0276 — Technicien en maintenance industrielle",
         "CQPM MQ 2016 11 69 0331 — Soudeur industriel",
         "CQPM MQ 2006 10 54 0244 — Chaudronnier d'atelier")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


def gen_csv(n, out):
    rnd = random.Random(4)   # the same candidates at every run
    w = csv.writer(out, lineterminator="\n")
    w.writerow(FIELDS)
    for i in range(n):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        cp, city = rnd.choice(CITIES)
        w.writerow((f"{first} {last.upper()}",
                    f"{rnd.randint(1, 180)} {rnd.choice(STREETS)} | {cp} {city}",
                    rnd.choice(CERTS),
                    f"{rnd.randint(1, 28)} {rnd.choice(MONTHS)} 2025"))


def load_template(tdir):
    parts = {}
    for m in MEMBERS:
        with open(os.path.join(tdir, m), encoding="utf-8") as f:
            parts[m] = f.read()
    return parts


def fill(text, values):
    for k, v in values.items():
        text = text.replace("{{" + k + "}}", v)
    if "{{" in text:
        start = text.index("{{")
        raise ValueError("champ inconnu dans le modèle : " + text[start:text.index("}}", start) + 2])
    return text


def merge(csv_path, outdir, tdir):
    parts = load_template(tdir)
    os.makedirs(outdir, exist_ok=True)
    n = 0
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            missing = [k for k in FIELDS if not (row.get(k) or "").strip()]
            if missing:
                raise ValueError(f"ligne {n + 2} : champ vide : {', '.join(missing)}")
            n += 1
            values = {k: escape(v) for k, v in CENTRE.items()}
            values.update({k: escape(row[k].strip()) for k in FIELDS})
            values["adresse"] = "<text:line-break/>".join(
                escape(l.strip()) for l in row["adresse"].split("|"))
            values["numero"] = f"{n:05d}"
            values["civilite"] = "Madame, Monsieur"
            path = os.path.join(outdir, f"letter-{n:05d}.odt")
            with zipfile.ZipFile(path, "w") as z:
                z.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, zipfile.ZIP_STORED)
                for m in MEMBERS:
                    z.writestr(m, fill(parts[m], values), zipfile.ZIP_DEFLATED)
    return n


def main(argv):
    if len(argv) == 3 and argv[1] == "csv" and argv[2].isdigit():
        gen_csv(int(argv[2]), sys.stdout)
        return 0
    if len(argv) in (4, 5) and argv[1] == "merge":
        tdir = argv[4] if len(argv) == 5 else os.path.join(HERE, "template")
        try:
            n = merge(argv[2], argv[3], tdir)
        except (OSError, ValueError, KeyError) as e:
            print(f"odt_merge: {e}", file=sys.stderr)
            return 1
        print(n)
        return 0
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
