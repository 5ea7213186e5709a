"""Validate a booking's whole life of TDS telegrams (as elderride's test sent and heard them)
against the published TDS schemas of full-path/drt-tds: spec/schema.json and spec/schema.xsd."""

import json
import sys
import xml.etree.ElementTree as ET

import jsonschema
import xmlschema

life_path, json_path, xsd_path = sys.argv[1:4]
life = json.load(open(life_path))
published = json.load(open(json_path))
json_check = jsonschema.Draft4Validator(published)
xsd = xmlschema.XMLSchema(xsd_path)
failures = 0
for direction in ("sent", "received"):
    for number, document in enumerate(life[direction], 1):
        errors = sorted(json_check.iter_errors(document), key=str)
        for error in errors:
            print(f"JSON  {direction} #{number}: {error.message} at {list(error.path)}")
        failures += len(errors)
        for name, telegram in document.items():
            # The XML form: attributes keep their @; the JSON schema's stray non-@ tripStatus
            # (its required list names it so) is no element of the XSD. JSON keys have no order; the
            # XSD sequence has one: UnorderedConverter puts them in it.
            xml_telegram = {key: value for key, value in telegram.items() if key != "tripStatus"}
            try:
                element = xsd.encode(
                    xml_telegram,
                    path=name,
                    validation="strict",
                    converter=xmlschema.UnorderedConverter,
                )
                text = ET.tostring(element, encoding="unicode")
                xsd.validate(text)
                verdict = "ok"
            except (xmlschema.XMLSchemaValidationError, xmlschema.XMLSchemaEncodeError) as error:
                verdict = f"FAIL {str(error).splitlines()[0]}"
                failures += 1
            json_verdict = "ok" if not errors else "FAIL"
            print(f"{direction:8} #{number} {name:27} JSON {json_verdict}  XSD {verdict}")
print("all valid" if not failures else f"{failures} failures")
sys.exit(1 if failures else 0)
