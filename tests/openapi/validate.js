// Validates the OpenAPI description against the OpenAPI 3.1 schema, and real responses of the
// service against the schemas it describes for them, with Ajv (JSON Schema 2020-12) from
// tests/browser/node_modules (npm ci, as scripts/setup.sh runs it). tests/openapi_test.cc runs it:
//   node validate.js OPENAPI.json EXCHANGES.json
// EXCHANGES.json: [{"method", "path" (the path template, "/doc/{id}"), "status", "content_type",
// "body"}]. Prints each problem; exits 0 if there is none, 1 otherwise.
"use strict";
const fs = require("fs");
const path = require("path");

const modules = path.join(__dirname, "..", "browser", "node_modules");
const Ajv2020 = require(path.join(modules, "ajv", "dist", "2020")).default;
const oas = path.join(modules, "@apidevtools", "openapi-schemas", "schemas", "v3.1");
const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

const [openapiPath, exchangesPath] = process.argv.slice(2);
const api = readJson(openapiPath);
const exchanges = readJson(exchangesPath);
const problems = [];

// The document itself, against the OpenAPI 3.1 schema. That checks the document's structure; its
// schema objects are checked below, each compiled as a JSON Schema in strict mode.
// Ajv resolves "$dynamicRef" only to anchors at a schema's root, and the OpenAPI schema's
// "#meta" anchor is in its $defs: with the default dialect it means that $defs entry, which a
// plain $ref names.
const plainRefs = (node) => {
  if (Array.isArray(node)) return node.map(plainRefs);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$dynamicRef" && value === "#meta") out.$ref = "#/$defs/schema";
    else if (key !== "$dynamicAnchor") out[key] = plainRefs(value);
  }
  return out;
};
{
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(plainRefs(readJson(path.join(oas, "schema.json"))));
  if (!validate(api)) {
    for (const e of validate.errors) {
      problems.push(`openapi.json${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
}

// The responses. The described schemas are compiled strictly (an unknown keyword is an error),
// as parts of the whole document, so that their $refs resolve; the document's own keys and the
// parameters' "example" are declared as keywords that do nothing.
const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
ajv.addVocabulary(["openapi", "info", "servers", "paths", "components", "example"]);
ajv.addSchema(api, "openapi.json");
const escape = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");
const compile = (pointer) => {
  try {
    return ajv.getSchema(`openapi.json#/${pointer.map(escape).join("/")}`);
  } catch (e) {
    problems.push(`openapi.json/${pointer.join("/")}: ${e.message}`);
    return null;
  }
};
// Every schema the document holds compiles: components, parameters, bodies, responses.
for (const name of Object.keys(api.components.schemas)) compile(["components", "schemas", name]);
for (const [route, item] of Object.entries(api.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    (operation.parameters || []).forEach((_, i) =>
      compile(["paths", route, method, "parameters", String(i), "schema"]));
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const type of Object.keys(response.content || {})) {
        compile(["paths", route, method, "responses", status, "content", type, "schema"]);
      }
    }
  }
}
for (const x of exchanges) {
  const method = x.method.toLowerCase();
  const where = `${x.method} ${x.path} -> ${x.status}`;
  const operation = (api.paths[x.path] || {})[method];
  const response = operation && operation.responses[String(x.status)];
  const type = x.content_type.split(";")[0].trim();
  // A method the path does not take has no operation to describe it: its 405 is an Error.
  const refused = api.paths[x.path] && !operation && x.status === 405;
  if (!refused && (!response || !(response.content || {})[type])) {
    problems.push(`${where} (${type}): not described`);
    continue;
  }
  const validate = refused
    ? compile(["components", "schemas", "Error"])
    : compile(["paths", x.path, method, "responses", String(x.status), "content", type, "schema"]);
  if (validate && !validate(x.body)) {
    for (const e of validate.errors) {
      problems.push(`${where}: body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
}
for (const problem of problems) console.log(problem);
console.log(`${exchanges.length} responses checked, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
