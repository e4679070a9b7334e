import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { Language } from '../i18n.js';

// Mail clients drop <style> blocks and external CSS, so the few styles are inline and optional: without them the
// mail is still plain, readable, semantic HTML.
const bodyStyle = 'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b;margin:0;';
const mainStyle = 'max-width:40em;margin:0 auto;padding:16px;';
const footerStyle = 'margin-top:32px;border-top:1px solid #bbb;padding-top:8px;font-size:14px;color:#444;';

/** The HTML alternative of a mail: language, title and a footer line; preact escapes every text. */
export function renderMailHtml(p: {
  lang: Language;
  title: string;
  footer: string;
  children: ComponentChildren;
}): string {
  const page = (
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{p.title}</title>
      </head>
      <body style={bodyStyle}>
        <main style={mainStyle}>
          {p.children}
          <footer style={footerStyle}>
            <p>{p.footer}</p>
          </footer>
        </main>
      </body>
    </html>
  );
  return `<!doctype html>${render(page)}`;
}
