// The report page: one self-contained HTML file (inline CSS, inline SVG, images as data URIs)
// that opens from disk with no server and no network.
import { escapeHtml } from './html';

export interface ReportSection {
  readonly heading: string;
  /** Trusted HTML built by this package (SVG, tables, img tags). */
  readonly html: string;
}

const STYLE = `body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table.comparison{border-collapse:collapse}table.comparison td,table.comparison th{border:1px solid #ccc;padding:3px 8px;text-align:right}
table.comparison td:first-child{text-align:left}.note{color:#555;font-size:13px}img.preview{max-width:100%;border:1px solid #ccc;margin:4px}`;

export function reportHtml(title: string, sections: readonly ReportSection[], generated: string): string {
  const body = sections.map((s) => `<section>\n<h2>${escapeHtml(s.heading)}</h2>\n${s.html}\n</section>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="note">Generated ${escapeHtml(generated)}.</p>
${body}
</body>
</html>
`;
}

export function pngDataUri(bytes: Buffer): string {
  return `data:image/png;base64,${bytes.toString('base64')}`;
}
