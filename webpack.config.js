/**
 * Webpack build of the add-in: task pane (React) and ribbon function file, plus the icons and the
 * manifest. Output goes to dist/ (or ADDIN_OUT_DIR). The manifest's dev base URL
 * https://localhost:3000/ is replaced by ADDIN_BASE_URL when that is set.
 *
 *   npm run build                                   production build into dist/
 *   ADDIN_BASE_URL=https://intranet.example.vn/phuluc/ npm run build
 *   npm start                                       dev server (scripts/start.mjs)
 *
 * Dev server: https with the office-addin-dev-certs certificates (what Excel needs); when they
 * cannot be made or trusted (e.g. no way to install a CA on this machine) it falls back to http on
 * localhost, which still serves the browser page. ADDIN_HTTP=1 skips the certificate step.
 */
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_BASE_URL = "https://localhost:3000/";
const DEV_PORT = 3000;
const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * Budget for the JavaScript a task pane downloads before it can render (all initial chunks of the
 * taskpane entry, minified, uncompressed). Measured with the frame and five placeholder pages:
 * 482 KiB (vendors 467 KiB: React DOM + Fluent UI; app 15 KiB), ~139 KB gzipped. The heavy
 * workbook / xlsx / consolidation code must arrive through dynamic import() to stay under it.
 */
const TASKPANE_INITIAL_JS_BUDGET = 600 * 1024;

/** "https://host/path" → "https://host/path/"; anything but an absolute https URL is refused. */
function normalizeBaseUrl(raw) {
  const text = String(raw).trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`ADDIN_BASE_URL is not a URL: "${text}"`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_BASE_URL must be https (Office requires it): "${text}"`);
  if (url.search || url.hash) throw new Error(`ADDIN_BASE_URL must not have a query or fragment: "${text}"`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

function escapeXmlAttribute(text) {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Replace the dev base URL everywhere in the manifest text. */
function rewriteManifestBaseUrl(xml, baseUrl) {
  const base = normalizeBaseUrl(baseUrl);
  return base === DEV_BASE_URL ? xml : xml.split(DEV_BASE_URL).join(escapeXmlAttribute(base));
}

/** office-addin-dev-certs options, or null (with a note) when https is not possible here. */
async function devServerHttpsOptions() {
  if (process.env.ADDIN_HTTP === "1") {
    console.log("[phuluc] ADDIN_HTTP=1: máy chủ phát triển dùng http / dev server uses http.");
    return null;
  }
  try {
    const devCerts = require("office-addin-dev-certs");
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { ca, key, cert };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    console.warn(
      [
        "[phuluc] Không tạo/cài được chứng chỉ https cho localhost — dùng http://localhost:3000/ thay thế.",
        "         Trang trình duyệt vẫn dùng được; Excel cần https (chạy: npx office-addin-dev-certs install).",
        "[phuluc] Could not create/trust the localhost https certificate — serving http://localhost:3000/ instead.",
        "         The browser page still works; Excel needs https (run: npx office-addin-dev-certs install).",
        `         (${reason})`,
      ].join("\n"),
    );
    return null;
  }
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === "development" ? "development" : "production";
  const dev = mode === "development";
  const baseUrl = process.env.ADDIN_BASE_URL ? normalizeBaseUrl(process.env.ADDIN_BASE_URL) : DEV_BASE_URL;
  const outDir = process.env.ADDIN_OUT_DIR ? path.resolve(process.env.ADDIN_OUT_DIR) : path.resolve(__dirname, "dist");
  const serving = Boolean(env.WEBPACK_SERVE);
  const https = serving ? await devServerHttpsOptions() : null;

  return {
    mode,
    context: __dirname,
    target: ["web", "es2020"],
    devtool: dev ? "eval-source-map" : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: outDir,
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].chunk.js" : "[name].[contenthash:8].chunk.js",
      publicPath: "auto",
      clean: true,
      // Source maps name files relative to the project, never by their absolute path on this machine.
      devtoolModuleFilenameTemplate: "webpack://phu-luc-nq08/[resource-path]",
      devtoolFallbackModuleFilenameTemplate: "webpack://phu-luc-nq08/[resource-path]?[hash]",
    },
    resolve: {
      extensions: [".tsx", ".ts", ".mjs", ".js", ".json"],
    },
    module: {
      rules: [
        {
          // taskpane.html inlines src/taskpane/legacy-check.js as written (ES5): no loader may touch it.
          resourceQuery: /raw/,
          type: "asset/source",
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "swc-loader",
            options: {
              jsc: {
                parser: { syntax: "typescript", tsx: true },
                transform: { react: { runtime: "automatic", development: dev } },
                target: "es2020",
              },
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
        // ecma 5: the inlined start-up guard must stay readable to Internet Explorer.
        minify: dev
          ? false
          : { collapseWhitespace: true, removeComments: false, minifyCSS: true, minifyJS: { ecma: 5 } },
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => rewriteManifestBaseUrl(content.toString("utf8"), baseUrl),
          },
        ],
      }),
    ],
    optimization: {
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          // React + Fluent UI change rarely: one cacheable chunk for what the pane needs to start.
          // Only initial chunks: libraries that lazily loaded pages import stay in their own chunks.
          vendors: { test: /[\\/]node_modules[\\/]/, chunks: "initial", name: "vendors", priority: -10 },
        },
      },
    },
    performance: dev
      ? false
      : {
          hints: "warning",
          maxEntrypointSize: TASKPANE_INITIAL_JS_BUDGET,
          maxAssetSize: TASKPANE_INITIAL_JS_BUDGET,
          assetFilter: (file) => file.endsWith(".js"),
        },
    devServer: {
      port: DEV_PORT,
      host: "localhost",
      hot: false,
      static: false, // everything served comes from the build (pages, assets, manifest)
      liveReload: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : { type: "http" },
      client: { overlay: { errors: true, warnings: false } },
    },
  };
};

module.exports.DEV_BASE_URL = DEV_BASE_URL;
module.exports.DEV_PORT = DEV_PORT;
module.exports.OFFICE_JS_URL = OFFICE_JS_URL;
module.exports.TASKPANE_INITIAL_JS_BUDGET = TASKPANE_INITIAL_JS_BUDGET;
module.exports.normalizeBaseUrl = normalizeBaseUrl;
module.exports.rewriteManifestBaseUrl = rewriteManifestBaseUrl;
