#!/usr/bin/env python3
"""Routes enquiries on rules/klippan through the kommunlots C API with ctypes,
and checks the answers and the errors. Exits non-zero on any failure.

    python3 route.py <path to libkommunlots.so> <rules-dir>

The wrapper (Router, KommunlotsError) is the part to copy: strings go in as
UTF-8 bytes, every decision is copied and freed with kl_string_free, and a
status other than KL_OK raises with the thread's last error.
"""

import ctypes
import json
import sys
import threading

KL_OK = 0
KL_NULL_ARGUMENT = 1
KL_INVALID_UTF8 = 2
KL_INVALID_ENQUIRY = 3
KL_RULES_ERROR = 4
KL_TOO_LARGE = 5
KL_PANIC = 6
KL_INTERNAL = 7
KL_INVALID_ARGUMENT = 8


class KommunlotsError(Exception):
    """A failed kommunlots call, with the location of the error."""

    def __init__(self, status, message, file, line, column, report):
        where = f"{file}:{line}:{column}: " if file else (f"line {line}, column {column}: " if line else "")
        super().__init__(f"status {status}: {where}{message}")
        self.status, self.message, self.file = status, message, file
        self.line, self.column, self.report = line, column, report


class Library:
    """The C functions, with their argument and result types declared."""

    def __init__(self, path):
        lib = ctypes.CDLL(path)
        router_p = ctypes.c_void_p
        status = ctypes.c_uint32
        char_pp = ctypes.POINTER(ctypes.c_char_p)

        def fn(name, restype, *argtypes):
            f = getattr(lib, name)
            f.restype, f.argtypes = restype, list(argtypes)
            return f

        # Returned strings we must free are read as c_void_p, not c_char_p:
        # ctypes would copy a c_char_p and lose the pointer to free.
        self.new_from_dir = fn("kl_router_new_from_dir", status, ctypes.c_char_p, ctypes.POINTER(router_p))
        self.new_from_strings = fn(
            "kl_router_new_from_strings", status, char_pp, char_pp, ctypes.c_size_t, ctypes.POINTER(router_p)
        )
        self.router_free = fn("kl_router_free", None, router_p)
        self.route_json = fn("kl_route_json", status, router_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p))
        self.enquiry_types_json = fn("kl_router_enquiry_types_json", status, router_p, ctypes.POINTER(ctypes.c_void_p))
        self.string_free = fn("kl_string_free", None, ctypes.c_void_p)
        self.version = fn("kl_version", ctypes.c_char_p)
        self.last_message = fn("kl_last_error_message", ctypes.c_char_p)
        self.last_report = fn("kl_last_error_report", ctypes.c_char_p)
        self.last_file = fn("kl_last_error_file", ctypes.c_char_p)
        self.last_line = fn("kl_last_error_line", ctypes.c_size_t)
        self.last_column = fn("kl_last_error_column", ctypes.c_size_t)

    def check(self, status):
        if status != KL_OK:
            raise KommunlotsError(
                status,
                self.last_message().decode(),
                self.last_file().decode(),
                self.last_line(),
                self.last_column(),
                self.last_report().decode(),
            )


class Router:
    """One kl_router. Immutable and shareable between threads; close() frees it."""

    def __init__(self, lib, handle):
        self._lib, self._handle = lib, handle

    @classmethod
    def from_dir(cls, lib, path):
        out = ctypes.c_void_p()
        lib.check(lib.new_from_dir(path.encode(), ctypes.byref(out)))
        return cls(lib, out)

    @classmethod
    def from_strings(cls, lib, files):
        names = (ctypes.c_char_p * len(files))(*[n.encode() for n, _ in files])
        texts = (ctypes.c_char_p * len(files))(*[t.encode() for _, t in files])
        out = ctypes.c_void_p()
        lib.check(lib.new_from_strings(names, texts, len(files), ctypes.byref(out)))
        return cls(lib, out)

    def route_json(self, enquiry):
        """Routes an enquiry (str or raw bytes); returns the decision as a dict."""
        data = enquiry if isinstance(enquiry, bytes) else enquiry.encode()
        out = ctypes.c_void_p()
        self._lib.check(self._lib.route_json(self._handle, data, ctypes.byref(out)))
        try:
            return json.loads(ctypes.string_at(out.value).decode())
        finally:
            self._lib.string_free(out)

    def enquiry_types(self):
        """Every enquiry type of the rule set, as a list of dicts."""
        out = ctypes.c_void_p()
        self._lib.check(self._lib.enquiry_types_json(self._handle, ctypes.byref(out)))
        try:
            return json.loads(ctypes.string_at(out.value).decode())
        finally:
            self._lib.string_free(out)

    def close(self):
        self._lib.router_free(self._handle)
        self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


MUNICIPALITY = """[municipality]
name = "Exempels kommun"

[first_line]
id = "kontaktcenter"
name = "Kontaktcenter"
handler = "kundtjanst"

[[first_line.unit]]
id = "kundtjanst"
name = "Kundtjänsten"
"""

# The ROSA level is a string: an error at line 10, column 9.
BAD_DEPARTMENT = """[department]
id = "plan-bygg"
name = "Plan- och byggförvaltningen"

[[unit]]
id = "bygglov"
name = "Bygglovsenheten"

[[type]]
level = "sex"
id = "bygglov-ansokan"
name = "Ansökan om bygglov"
unit = "bygglov"
keywords = ["bygglov"]
"""


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    lib = Library(sys.argv[1])
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what}", file=sys.stderr)

    def expect_error(status, call, **where):
        try:
            call()
        except KommunlotsError as e:
            got = {k: getattr(e, k) for k in where}
            check(e.status == status and got == where, f"expected {status} {where}, got {e.status} {got}: {e}")
            return e
        check(False, f"expected status {status}, got success")
        return None

    print("kommunlots", lib.version().decode())
    with Router.from_dir(lib, sys.argv[2]) as router:
        d = router.route_json('{"id": "E-1", "channel": "email", "text": "Varför har ni inte plogat Storgatan?"}')
        check(d["department"] == "teknik" and d["enquiry_type"] == "snorojning", f"snow clearing: {d['department']}")
        check(d["id"] == "E-1" and d["first_line"] is True, "id echoed, first line")
        d = router.route_json('{"form": "TF-PTRH"}')
        check(d["enquiry_type"] == "parkeringstillstand", f"form code: {d['enquiry_type']}")
        d = router.route_json('{"text": "Jag vill överklaga beslutet om bygglov."}')
        check(d["department"] == "plan-bygg" and d["rosa_level"] == 6 and d["first_line"] is False, "appeal")

        # The catalogue: every type once, each form code routing to its own type.
        types = router.enquiry_types()
        check(len({t["id"] for t in types}) == len(types) > 80, f"{len(types)} enquiry types")
        permit = next((t for t in types if "TF-PTRH" in t["form_codes"]), None)
        check(permit is not None and permit["external"].get("platina_case_type") == "TF-PTRH", f"permit: {permit}")

        expect_error(KL_INVALID_ENQUIRY, lambda: router.route_json('{\n  "text": "snö",\n  "channel": }'),
                     file="", line=3, column=14)
        expect_error(KL_INVALID_UTF8, lambda: router.route_json(b'{"text":\n "sn\xf6"}'), line=2, column=5)
        expect_error(KL_TOO_LARGE, lambda: router.route_json(b'{"text": "' + b"a" * (16 * 1024 * 1024) + b'"}'))
        expect_error(KL_NULL_ARGUMENT, lambda: lib.check(lib.route_json(router._handle, None, None)))

        expect_error(KL_RULES_ERROR,
                     lambda: Router.from_strings(lib, [("municipality.toml", MUNICIPALITY),
                                                       ("departments/plan-bygg.toml", BAD_DEPARTMENT)]),
                     file="departments/plan-bygg.toml", line=10, column=9)
        expect_error(KL_RULES_ERROR, lambda: Router.from_dir(lib, "/nonexistent/kommunlots"), line=1, column=1)

        # One router, several threads.
        wrong = []

        def work():
            for _ in range(20):
                if router.route_json('{"form": "TF-PTRH"}')["enquiry_type"] != "parkeringstillstand":
                    wrong.append(1)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check(not wrong, f"{len(wrong)} wrong answers from threads")

    lib.router_free(None)
    lib.string_free(None)
    print(f"python: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
