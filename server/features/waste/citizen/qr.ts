import QRCode from 'qrcode';

/** A QR code of `text` as an SVG string (no inline styles, so the page's CSP allows it), drawn on the server. */
export async function qrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  // Decorative inside its labelled container: the container carries the accessible name.
  return svg.replace('<svg ', '<svg aria-hidden="true" focusable="false" ');
}
