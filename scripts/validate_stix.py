#!/usr/bin/env python3
"""Validates STIX 2.1 bundles against the official OASIS JSON schemas.

usage: validate_stix.py SCHEMA_DIR BUNDLE.json [BUNDLE.json ...]

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
are observables, else common/core.json. The schemas are compiled once for
all the bundles given (the property tests pass hundreds). Prints one line per
error, naming the bundle, and exits 1 when there is any, 2 on bad usage.
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


class Checker:
    """Validates objects against the schema of their type, counting errors."""

    def __init__(self, schema_dir):
        self.by_id, self.by_type = load_schemas(schema_dir)
        envelope = copy.deepcopy(self.by_type["bundle"])
        envelope["properties"]["objects"].pop("items", None)
        envelope["$id"] = envelope["$id"].replace("bundle.json", "bundle-envelope.json")
        self.by_type["bundle-envelope"] = envelope
        self.validators = {}
        self.errors = 0

    def check(self, name, instance, where):
        if name not in self.validators:
            self.validators[name] = make_validator(self.by_type[name], self.by_id)
        for error in self.validators[name].iter_errors(instance):
            self.error(f"{where}: {name}: {'/'.join(str(p) for p in error.absolute_path)}: "
                       f"{error.message[:300]}")

    def error(self, message):
        self.errors += 1
        print(message)

    def bundle(self, path):
        bundle = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        self.check("bundle-envelope", bundle, f"{path}: bundle")
        ids = set()
        for obj in bundle.get("objects", []):
            kind = obj.get("type", "")
            where = f"{path}: {obj.get('id', '<no id>')}"
            if obj.get("id") in ids:
                self.error(f"{where}: duplicate id")
            ids.add(obj.get("id"))
            if kind in self.by_type and kind not in ("core", "bundle", "bundle-envelope"):
                self.check(kind, obj, where)
            elif "spec_version" in obj and "created" not in obj:
                self.check("cyber-observable-core", obj, where)
            else:
                self.check("core", obj, where)
        # References must point inside the bundle (the schemas cannot say so).
        for obj in bundle.get("objects", []):
            refs = list(obj.get("object_refs", []))
            refs += [obj[k] for k in ("source_ref", "target_ref", "created_by_ref") if k in obj]
            for ref in refs:
                if ref not in ids:
                    self.error(f"{path}: {obj.get('id')}: dangling reference {ref}")
        return len(ids)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    checker = Checker(argv[1])
    objects = sum(checker.bundle(path) for path in argv[2:])
    print(f"{len(argv) - 2} bundles, {objects} objects, {checker.errors} errors")
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
