#!/usr/bin/env python3
"""Holds the server to docs/openapi.yaml: every answer the API tests received (recorded
by tests/server/server_process.h into BUILD/api-answers) must be a documented status of
a documented operation, its JSON body valid against the documented schema (JSON Schema
2020-12, as OpenAPI 3.1 has it), a 2xx only for a role in the operation's x-roles and a
403 "forbidden" only for a role outside them; and every operation must have been called
with success at least once."""
import glob
import json
import os
import re
import sys

import jsonschema
import yaml

spec_path, record_dir = sys.argv[1], sys.argv[2]
spec = yaml.safe_load(open(spec_path))
ROLE = {"admin": "admin", "doctor": "doctor", "technician": "technician", "front_desk": "front_desk"}

operations = []  # (method, compiled path regex, template, operation)
for template, item in spec["paths"].items():
    # {path} (a file's path) may hold slashes; other parameters are one segment.
    pattern = re.sub(r"\{path\}", r"(?P<path>.+)", template)
    pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern)
    for method, op in item.items():
        if method in ("get", "post", "put", "delete", "patch"):
            operations.append((method.upper(), re.compile("^" + pattern + "$"), template, op))


def find(method, path):
    for m, rx, template, op in operations:
        if m == method and rx.match(path):
            return template, op
    return None, None


def schema_for(op, status, content_type):
    response = op["responses"].get(str(status))
    if response is None:
        return None, False
    while "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].split("/")[-1]]
    content = response.get("content", {})
    media = content_type.split(";")[0].strip()
    if media in content:
        return content[media].get("schema"), True
    return None, not content or media == ""


problems, called = [], set()
answers = 0
for file in glob.glob(os.path.join(record_dir, "*.jsonl")):
    for line in open(file):
        a = json.loads(line)
        answers += 1
        where = f"{a['method']} {a['path']} -> {a['status']} ({a['role'] or 'no session'})"
        template, op = find(a["method"], a["path"])
        if op is None:
            body = a.get("body") or {}
            if a["status"] == 404 and body.get("error", {}).get("code") == "not_found":
                continue  # a test of a path that is not in the API
            problems.append(f"{where}: no such operation in {spec_path}")
            continue
        schema, documented = schema_for(op, a["status"], a["content_type"])
        if not documented:
            problems.append(f"{where}: status or content type not documented for {a['method']} {template}")
            continue
        if schema is not None and "body" in a:
            root = dict(spec)
            root.update(schema)
            try:
                jsonschema.Draft202012Validator(root).validate(a["body"])
            except jsonschema.ValidationError as e:
                problems.append(f"{where}: {e.message} at {list(e.absolute_path)}")
        roles = op.get("x-roles", [])
        role = a["role"]
        if role and "anyone" not in roles:
            if 200 <= a["status"] < 300 and role not in roles:
                problems.append(f"{where}: the {role} role succeeded, but x-roles is {roles}")
            code = (a.get("body") or {}).get("error", {}).get("code")
            if a["status"] == 403 and code == "forbidden" and role in roles:
                problems.append(f"{where}: the {role} role was refused, but x-roles lists it")
        if 200 <= a["status"] < 300:
            called.add((a["method"], template))

for m, _, template, _ in operations:
    if (m, template) not in called:
        problems.append(f"{m} {template}: no test called it with success")

print(f"openapi_contract: {answers} answers against {len(operations)} operations")
for p in problems:
    print("  " + p)
sys.exit(1 if problems or answers == 0 else 0)
