/** Saves bytes as a file through a Blob and a temporary object URL: nothing leaves the computer. */
export function download(bytes: Uint8Array, name: string, mime: string): void {
  // TS types Uint8Array over any buffer; a Blob takes it as it is.
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start reading the URL only after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
