"""Electronic insurance eligibility: the X12 270 request and 271 response (``x12``), the
adapter interface and its clearinghouse implementation (``adapter``), and a local fake
clearinghouse for development and tests (``fake_clearinghouse``). No real clearinghouse is
called from this code base's tests or demo."""
