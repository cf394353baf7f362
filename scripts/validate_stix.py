#!/usr/bin/env python3
"""Validates a STIX 2.1 bundle against the official OASIS JSON schemas.

usage: validate_stix.py SCHEMA_DIR BUNDLE.json

SCHEMA_DIR is a checkout of oasis-open/cti-stix2-json-schemas' schemas/ (or
its parent). Every schema is loaded into a local registry keyed by its $id, so
nothing is fetched over the network. The bundle envelope is checked
against common/bundle.json without its per-item rule (that rule rejects valid
location and extension-definition objects: both core and
cyber-observable-core match them, and its oneOf wants exactly one), then each
object against the schema of its type:
sdos/, sros/, observables/, common/ (extension-definition, marking-definition);
objects of a type without a schema (custom SCOs such as cryptocurrency-wallet)
are checked against common/cyber-observable-core.json when their id says they
are observables, else common/core.json. Prints one line per error and exits 1
when there is any, 2 on bad usage.
"""
import copy
import json
import pathlib
import sys

import jsonschema


def load_schemas(root):
    root = pathlib.Path(root)
    if (root / "schemas").is_dir():
        root = root / "schemas"
    by_id, by_type = {}, {}
    for path in sorted(root.rglob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        by_id[schema["$id"]] = schema
        by_type[path.stem] = schema
    return by_id, by_type


def make_validator(schema, by_id):
    cls = jsonschema.validators.validator_for(schema)
    try:
        from referencing import Registry, Resource
        registry = Registry().with_resources(
            (uri, Resource.from_contents(s)) for uri, s in by_id.items())
        return cls(schema, registry=registry)
    except ImportError:  # jsonschema < 4.18
        resolver = jsonschema.RefResolver(schema["$id"], schema, store=by_id)
        return cls(schema, resolver=resolver)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    by_id, by_type = load_schemas(argv[1])
    bundle = json.loads(pathlib.Path(argv[2]).read_text(encoding="utf-8"))
    errors = 0
    validators = {}

    def check(name, instance, where):
        nonlocal errors
        if name not in validators:
            validators[name] = make_validator(by_type[name], by_id)
        for error in validators[name].iter_errors(instance):
            errors += 1
            path = "/".join(str(p) for p in error.absolute_path)
            print(f"{where}: {name}: {path}: {error.message[:300]}")

    envelope = copy.deepcopy(by_type["bundle"])
    envelope["properties"]["objects"].pop("items", None)
    envelope["$id"] = envelope["$id"].replace("bundle.json", "bundle-envelope.json")
    by_type["bundle-envelope"] = envelope
    check("bundle-envelope", bundle, "bundle")
    ids = set()
    for obj in bundle.get("objects", []):
        kind = obj.get("type", "")
        where = obj.get("id", "<no id>")
        if where in ids:
            errors += 1
            print(f"{where}: duplicate id")
        ids.add(where)
        if kind in by_type and kind not in ("core", "bundle"):
            check(kind, obj, where)
        elif "spec_version" in obj and "created" not in obj:
            check("cyber-observable-core", obj, where)
        else:
            check("core", obj, where)
    # References must point inside the bundle (the schemas cannot say so).
    for obj in bundle.get("objects", []):
        refs = list(obj.get("object_refs", []))
        for key in ("source_ref", "target_ref", "created_by_ref"):
            if key in obj:
                refs.append(obj[key])
        for ref in refs:
            if ref not in ids:
                errors += 1
                print(f"{obj.get('id')}: dangling reference {ref}")
    print(f"{len(ids)} objects, {errors} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
