//! Files in and out of the browser: downloading a text as a file and reading a picked or
//! dropped file. No network: a download is a `blob:` URL of the page itself.

use wasm_bindgen::JsCast;

/// What a browser error says: its name and message (`NotReadableError: …`), or its text.
pub fn error_text(e: &wasm_bindgen::JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => format!("{}: {}", String::from(err.name()), String::from(err.message())),
        None => e.as_string().unwrap_or_else(|| "unknown error".into()),
    }
}

/// Offers `text` as a download named `name`.
///
/// # Errors
/// A short English description of the browser failure (shown after a Chinese sentence).
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| error_text(&e);
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The click has started the download; the URL can go.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads a picked or dropped file whole (`Blob.arrayBuffer()`, Chrome 76 and later).
///
/// # Errors
/// A short English description of the read failure.
pub async fn read_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|e| error_text(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
