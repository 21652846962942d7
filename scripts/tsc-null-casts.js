// One pass: null-ish diagnostics and DOM element narrowing fixed by JSDoc casts (no runtime change).
const ts = require("/tmp/tsc/node_modules/typescript");
const fs = require("fs");
const path = require("path");
const root = process.argv[2];
const cfgPath = path.join(root, "jsconfig.json");
const cfg = ts.readConfigFile(cfgPath, ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(cfg.config, ts.sys, root);
const program = ts.createProgram(parsed.fileNames, parsed.options);
const checker = program.getTypeChecker();
const edits = new Map(); // file -> [{pos, end, type}]
const PROP_TYPE = { value: "HTMLInputElement", checked: "HTMLInputElement", files: "HTMLInputElement",
  placeholder: "HTMLInputElement", disabled: "HTMLButtonElement", options: "HTMLSelectElement",
  href: "HTMLAnchorElement", open: "HTMLDialogElement", showModal: "HTMLDialogElement", close: "HTMLDialogElement",
  select: "HTMLInputElement", selectionStart: "HTMLInputElement", form: "HTMLInputElement", content: "HTMLMetaElement",
  style: "HTMLElement", dataset: "HTMLElement", hidden: "HTMLElement", focus: "HTMLElement", offsetWidth: "HTMLElement",
  click: "HTMLElement", blur: "HTMLElement", title: "HTMLElement", innerText: "HTMLElement" };
function findNode(sf, start, end) {
  let best = null;
  function visit(n) {
    if (n.getStart(sf) <= start && n.end >= end) {
      if (n.getStart(sf) === start && n.end === end) best = n;
      ts.forEachChild(n, visit);
    }
  }
  visit(sf);
  return best;
}
function add(sf, node, type) {
  const f = sf.fileName;
  if (!edits.has(f)) edits.set(f, []);
  const list = edits.get(f);
  const pos = node.getStart(sf), end = node.end;
  // One edit per stretch of text in a pass: nested ones wait for the next pass.
  if (list.some((e) => e.pos < end && pos < e.end)) return;
  list.push({ pos, end, type: type === "Element" ? "HTMLElement" : type });
}
function target(sf, node) {
  // An identifier: its declaration's initializer, when it is a const/let with one in this file.
  if (ts.isIdentifier(node)) {
    const sym = checker.getSymbolAtLocation(node);
    const d = sym && sym.valueDeclaration;
    if (d && ts.isVariableDeclaration(d) && d.initializer && d.getSourceFile() === sf) return d.initializer;
    return null;
  }
  if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
    // this.x: its assignment in the constructor
    return null;
  }
  return node;
}
function unwrapCast(n) {
  while (ts.isParenthesizedExpression(n)) n = n.expression;
  return n;
}
let count = 0;
for (const d of program.getSemanticDiagnostics()) {
  if (!d.file || d.file.fileName.includes("node_modules")) continue;
  const sf = d.file;
  if (d.code === 2531 || d.code === 18047 || d.code === 18049 || d.code === 2532 || d.code === 18048) {
    const node = findNode(sf, d.start, d.start + d.length);
    if (!node) continue;
    const t = target(sf, node);
    if (!t) continue;
    const type = checker.getNonNullableType(checker.getTypeAtLocation(t));
    const text = checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    if (!/^(HTML\w*Element|SVG\w*Element|Element|HTMLElement|Node|ParentNode|DOMRect|string|number|Text)$/.test(text)) { console.error("skip", sf.fileName, text, node.getText(sf).slice(0, 60)); continue; }
    add(sf, t, text); count++;
  } else if (d.code === 2339 || d.code === 2551) {
    const msg = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const m = /Property '(\w+)' does not exist on type '(HTMLElement|Element|EventTarget)'/.exec(msg);
    if (!m || !PROP_TYPE[m[1]]) continue;
    const nameNode = findNode(sf, d.start, d.start + d.length);
    if (!nameNode || !ts.isPropertyAccessExpression(nameNode.parent)) continue;
    const obj = nameNode.parent.expression;
    let t = target(sf, unwrapCast(obj));
    if (!t) continue;
    add(sf, t, PROP_TYPE[m[1]]); count++;
  }
}
for (const [f, list] of edits) {
  let text = fs.readFileSync(f, "utf8");
  list.sort((a, b) => b.pos - a.pos);
  for (const e of list) {
    let inner = text.slice(e.pos, e.end);
    // An existing cast of ours: replace its type.
    const m = /^\/\*\* @type \{[^}]*\} \*\/ \(([\s\S]*)\)$/.exec(inner);
    if (m) inner = m[1];
    text = text.slice(0, e.pos) + `/** @type {${e.type}} */ (${inner})` + text.slice(e.end);
  }
  fs.writeFileSync(f, text);
}
console.log("edits", count);
