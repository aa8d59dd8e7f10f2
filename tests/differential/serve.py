"""The loop both Python drivers of the differential test run: the operation named on the command
line (its function is the operation's name with `_` for `-`), applied to each JSON line of stdin,
answered as the CLI answers (`ok`, the fields, or `error` with kind and message, plus the vendor's
`refusal` when there is one), one line each."""
import json
import sys


def serve(functions, refused, describe):
    """`functions`: a driver's globals; `refused`: the exception class of a refusal;
    `describe(e)`: (kind, message, refusal dict or None) of one."""
    run = functions[sys.argv[1].replace("-", "_")]
    for line in sys.stdin:
        try:
            result = {"ok": True, **run(json.loads(line))}
        except refused as e:
            kind, message, refusal = describe(e)
            result = {"ok": False, "error": {"kind": kind, "message": message}}
            if refusal is not None:
                result["refusal"] = refusal
        sys.stdout.write(json.dumps(result, ensure_ascii=False, sort_keys=True) + "\n")
