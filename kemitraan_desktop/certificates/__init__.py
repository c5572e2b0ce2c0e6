"""Certificates: numbering and the register (numbering.py), issuing, voiding and
re-issuing (issuing.py), the template and printer offsets (template.py), and signing and
offline verification with Ed25519 (signing.py).

`from kemitraan_desktop import certificates` and `certificates.X` keep working for every
public name below; new code may import from the submodule that owns the name."""

from .issuing import (
    Batch,
    IssuePlan,
    Planned,
    issue,
    plan_issue,
    preview_rows,
    read_batch,
    reissue,
    structure,
    structure_of,
    void,
)
from .numbering import (
    DEFAULT_PATTERN,
    TOKENS,
    NumberPattern,
    get_pattern,
    next_number,
    office_wide,
    parse_pattern,
    register,
    set_office_wide,
    set_pattern,
)
from .signing import (
    SCHEME,
    Signer,
    Verification,
    clean_office_name,
    import_public_key,
    key_id,
    known_keys,
    public_key_text,
    qr_text,
    read_key_file,
    signed_text,
    verify,
)
from .template import (
    BACKGROUND_MAX_BYTES,
    CALIBRATION_MM,
    OFFSET_LIMIT_MM,
    Template,
    check_background,
    describe_offset,
    forget_printer,
    load_template,
    offset_from_measurement,
    parse_offset,
    printer_offset,
    printer_offsets,
    save_template,
    set_printer_offset,
)

__all__ = [
    "BACKGROUND_MAX_BYTES", "CALIBRATION_MM", "DEFAULT_PATTERN", "OFFSET_LIMIT_MM", "SCHEME",
    "TOKENS", "Batch", "IssuePlan", "NumberPattern", "Planned", "Signer", "Template",
    "Verification", "check_background", "clean_office_name", "describe_offset", "forget_printer", "get_pattern",
    "import_public_key", "issue", "key_id", "known_keys", "load_template", "next_number",
    "office_wide", "offset_from_measurement", "parse_offset", "parse_pattern", "plan_issue",
    "preview_rows", "printer_offset", "printer_offsets", "public_key_text", "read_batch", "read_key_file",
    "register", "reissue", "save_template", "set_office_wide", "set_pattern",
    "set_printer_offset", "qr_text", "signed_text", "structure", "structure_of", "verify", "void",
]
