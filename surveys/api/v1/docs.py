"""/api/v1/docs: the API's reference, drawn on the server from the generated OpenAPI document.

A page of GOV.UK Frontend HTML rather than Swagger UI or ReDoc: it needs no JavaScript and no CDN, passes the
app's Content Security Policy, works at 320 pixels and with a screen reader, and can never disagree with
/api/v1/openapi.json because it reads it. Like that document, it is public: it describes, it gives out no data.
"""

from flask import Blueprint, current_app, render_template

bp = Blueprint("api_v1_docs", __name__)
METHODS = ("get", "post", "put", "patch", "delete")


@bp.route("/docs")
def docs():
    """The reference: how to authenticate, page, cache and read errors, then every endpoint."""
    spec = current_app.extensions["partners_api"].spec.to_dict()
    return render_template("api/docs.html", spec=spec, operations=operations(spec))


docs.public_access = True  # no token, no sign-in: the marker surveys.staff.access.public sets


def operations(spec: dict) -> list[dict]:
    """Each operation of the document with its parameters and body fields, schema references resolved."""
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                found.append(_operation(spec, path, method, item[method]))
    return found


def _operation(spec: dict, path: str, method: str, operation: dict) -> dict:
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    return {
        "id": f"{method}-{path.strip('/').replace('/', '-').replace('{', '').replace('}', '')}",
        "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
        "description": operation.get("description", ""),
        "parameters": [_parameter(spec, p) for p in operation.get("parameters", [])],
        "body": _fields(spec, body) if body else [],
        "responses": sorted(code for code in operation.get("responses", {}) if code != "default"),
    }


def _resolve(spec: dict, item: dict) -> dict:
    while "$ref" in item:
        *_, kind, name = item["$ref"].split("/")
        item = spec["components"][kind][name]
    return item


def _parameter(spec: dict, parameter: dict) -> dict:
    parameter = _resolve(spec, parameter)
    schema = _resolve(spec, parameter.get("schema", {}))
    return {"name": parameter["name"], "in": parameter["in"], "required": parameter.get("required", False),
            "type": _type(schema), "description": parameter.get("description") or schema.get("description", "")}


def _fields(spec: dict, schema: dict) -> list[dict]:
    schema = _resolve(spec, schema)
    required = set(schema.get("required", []))
    return [{"name": name, "type": _type(_resolve(spec, value)), "required": name in required,
             "description": value.get("description", "")} for name, value in schema.get("properties", {}).items()]


def _type(schema: dict) -> str:
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"])
    if schema.get("type") == "array":
        return "list"
    return schema.get("format") or schema.get("type", "object")
