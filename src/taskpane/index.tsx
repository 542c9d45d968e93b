import * as React from "react";
import { createRoot } from "react-dom/client";
import { detectHost, type HostInfo } from "../host";
import { restrictConnections } from "../host/lockdown";
import App from "./App";

async function start(): Promise<void> {
  (window as Window & { __phulucStarted?: boolean }).__phulucStarted = true; // stops legacy-check.js's watchdog
  let host: HostInfo;
  try {
    host = await detectHost();
  } catch {
    // detectHost does not throw by design; this is the last guard so the page always renders.
    host = { mode: "browser", theme: "light", reason: "office-js-unavailable" };
  }
  if (host.mode === "browser") restrictConnections(document);
  const container = document.getElementById("root");
  if (!container) return;
  createRoot(container).render(
    <React.StrictMode>
      <App host={host} />
    </React.StrictMode>,
  );
}

void start();
