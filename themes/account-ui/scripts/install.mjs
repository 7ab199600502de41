// Installs the locked dependencies (npm ci) when node_modules does not match package-lock.json yet, so that
// a build of an unchanged tree does not download and unpack everything again.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const installed = existsSync("node_modules/.package-lock.json")
  ? JSON.parse(readFileSync("node_modules/.package-lock.json", "utf8"))
  : undefined;

const version = (packages, path) => packages?.[path]?.version;
const upToDate =
  installed &&
  Object.entries(lock.packages ?? {})
    .filter(([path, entry]) => path !== "" && !entry.optional)
    .every(([path, entry]) => version(installed.packages, path) === entry.version);

if (upToDate) {
  // nothing to do
} else {
  console.log("account-ui: npm ci");
  execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
}
