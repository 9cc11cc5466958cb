//! QR codes for printed handouts, drawn as plain SVG so the page needs no script, no image
//! file and no inline style (the site runs under a strict Content-Security-Policy).

use qrcode::{Color, EcLevel, QrCode};

/// Modules of light border on every side; the QR specification asks for four.
pub(crate) const QUIET_ZONE: usize = 4;

/// The most bytes a QR code holds at level M (version 40, byte mode).
pub(crate) const MAX_BYTES: usize = 2331;

/// The longest a stage id makes a handout's address beyond `base_url`:
/// `/en/stages/<id>/` (see `sitemodel::stage_url`) with an id of up to 80 characters.
pub(crate) const HANDOUT_TAIL_MAX: usize = "/en/stages//".len() + 80;

/// Why `text` could not be drawn as a QR code (too long for one).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot encode `{text}` as a QR code: {source}")]
pub(crate) struct QrError {
    /// The text (a handout's address).
    pub(crate) text: String,
    /// What the encoder said.
    pub(crate) source: qrcode::types::QrError,
}

/// An `<svg>` element drawing `text` as a QR code, or an error if it is too long to encode.
///
/// Dark modules are one `<path>` of horizontal runs (`M x y h w v1 h -w z`), in module
/// units inside a `viewBox` that includes the quiet zone, so the code scales crisply to
/// whatever size the stylesheet gives it. The output holds only numbers: nothing from
/// `text` appears in it, so it needs no escaping.
pub(crate) fn svg(text: &str) -> Result<String, QrError> {
    // Level M survives a crease or smudge on a handout while keeping the code small.
    let code =
        QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|source| {
            QrError {
                text: text.to_string(),
                source,
            }
        })?;
    let n = code.width();
    let colors = code.to_colors();
    let size = n + 2 * QUIET_ZONE;
    let mut d = String::new();
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if colors[y * n + x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < n && colors[y * n + x] == Color::Dark {
                x += 1;
            }
            let w = x - start;
            d.push_str(&format!(
                "M{} {}h{w}v1h-{w}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE
            ));
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{d}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_bytes_is_the_capacity_at_level_m() {
        assert!(svg(&"a".repeat(MAX_BYTES)).is_ok());
        let e = svg(&"a".repeat(MAX_BYTES + 1)).unwrap_err();
        assert_eq!(e.source, qrcode::types::QrError::DataTooLong);
        assert!(std::error::Error::source(&e).is_some());
    }

    #[test]
    fn handout_tail_covers_the_longest_stage_address() {
        let id = "s".repeat(80);
        let url = crate::sitemodel::stage_url("https://x", "en/", &id);
        assert_eq!(url.len() - "https://x".len(), HANDOUT_TAIL_MAX);
    }

    #[test]
    fn draws_only_numbers_inside_a_square_viewbox() {
        let s = super::svg("https://example.org/<x>\"").unwrap();
        assert!(s.starts_with("<svg "), "{s}");
        assert!(!s.contains("example") && !s.contains("<x>"));
        // 25 bytes fit version 2 at level M: 25 modules plus the quiet zone on both sides.
        assert!(s.contains("viewBox=\"0 0 33 33\""), "{s}");
        assert!(
            s.contains("d=\"M4 4h7v1h-7z"),
            "finder pattern should start the path: {s}"
        );
    }
}
