/*
** Test tool: a sample document of the layout engine (doc/pdf.h), read
** back by tests/doc/golden.sh: a table of 120 rows whose header must be
** repeated on every page it continues on, a paragraph split across a page
** break, and a second section numbered from 1.
**
** usage: pdf_sample OUT.pdf
*/
#include "doc/pdf.h"
#include <stdio.h>

static int to_file(void *arg, const unsigned char *data, size_t len)
{
	return fwrite(data, 1, len, arg) == len ? 0 : -1;
}

int main(int argc, char **argv)
{
	static const double w[3] = { 0.2, 0.6, 0.2 };
	static const char *const head[3] = { "Code de ligne", "Libellé", "Quantité" };
	struct pdf_meta m = { "Exemple de mise en page", "cqpm", NULL, NULL,
		"2026-01-02T03:04:05Z", "En-tête de l'exemple", "Section 1", "Pied de page de l'exemple", 0, 0 };
	struct pdf_doc *d;
	FILE *out;
	int rc;

	if (argc != 2)
		return 2;
	out = fopen(argv[1], "wb");
	if (!out)
		return 1;
	d = pdf_open(to_file, out, &m);
	pdf_heading(d, PDF_TITLE, "Exemple de mise en page");
	pdf_paragraph(d, PDF_BODY, "Un tableau long : son en-tête revient en haut de chaque page.");
	pdf_table_begin(d, 3, w, head);
	for (int i = 1; i <= 120; i++) {
		char code[16], label[80], qty[16];
		const char *row[3] = { code, label, qty };
		snprintf(code, sizeof code, "L%03d", i);
		snprintf(label, sizeof label, "Ligne numéro %d du tableau", i);
		snprintf(qty, sizeof qty, "%d", i * 7);
		pdf_table_row(d, row);
	}
	pdf_table_end(d);
	pdf_section(d, NULL, "Section 2", NULL);
	pdf_heading(d, PDF_H1, "Seconde section");
	{
		struct buf b = BUF_INIT;
		buf_puts(&b, "Premier mot du long paragraphe.");
		for (int i = 0; i < 40; i++)
			buf_puts(&b, " Les lignes d'un paragraphe qui ne tient pas en bas de page "
				"passent sur la page suivante, deux au moins de chaque côté de la coupure.");
		buf_puts(&b, " Dernier mot du long paragraphe.");
		pdf_paragraph(d, PDF_BODY, buf_str(&b));
		buf_release(&b);
	}
	rc = pdf_close(d);
	pdf_cleanup();
	if (fclose(out))
		rc = -1;
	return rc ? 1 : 0;
}
