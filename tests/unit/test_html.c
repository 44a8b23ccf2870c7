/*
** The HTML builder escapes by default.
*/
#include "t.h"
#include "web/html.h"
#include <stdint.h>

TEST(escape_text)
{
	struct buf b = BUF_INIT;
	h_fmt(&b, "<p title=\"%s\">%s</p>", "\"><script>", "<b>&'");
	CHECK_STR(buf_str(&b), "<p title=\"&quot;&gt;&lt;script&gt;\">&lt;b&gt;&amp;&#39;</p>");
	buf_release(&b);
}

TEST(format_kinds)
{
	struct buf b = BUF_INIT;
	h_fmt(&b, "%d %I %u %r 100%%", 42, (int64_t)1 << 40, "a b/é", "<br>");
	CHECK_STR(buf_str(&b), "42 1099511627776 a%20b%2F%C3%A9 <br> 100%");
	buf_release(&b);
}

TEST(null_and_paragraphs)
{
	struct buf b = BUF_INIT;
	h_fmt(&b, "[%s]", (const char *)NULL);
	CHECK_STR(buf_str(&b), "[]");
	buf_reset(&b);
	h_paragraphs(&b, "un <i>\ndeux\n\ntrois");
	CHECK_STR(buf_str(&b), "<p>un &lt;i&gt;<br>deux</p><p>trois</p>");
	buf_release(&b);
}
