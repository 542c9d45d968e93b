/**
 * Browser mode promises that no file leaves the computer. Back the promise with the browser itself:
 * a Content-Security-Policy that only lets scripts talk to the page's own origin (fetch, XHR,
 * WebSocket, beacons) and forbids form posts. Added only in browser mode: inside Excel, office.js
 * must reach Microsoft's services. Scripts, styles and images are left alone (the lazily loaded
 * chunks come from the same origin anyway).
 */
export const BROWSER_MODE_CSP = "connect-src 'self'; form-action 'none'";

export function restrictConnections(doc: Document): void {
  if (doc.querySelector('meta[http-equiv="Content-Security-Policy"]')) return;
  const meta = doc.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  meta.content = BROWSER_MODE_CSP;
  doc.head.appendChild(meta);
}
