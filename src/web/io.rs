//! The browser's asynchronous I/O for the engine (`aio::Io`): `fetch`, and files in the Origin
//! Private File System. Each operation runs as its own promise chain; its outcome is handed back
//! once, with a failure as the browser's own words (`TypeError: Failed to fetch`).

use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    File, FileSystemDirectoryHandle, FileSystemFileHandle, FileSystemGetFileOptions, FileSystemWritableFileStream,
    RequestCache, RequestInit, Response, StorageManager,
};

use crate::aio::Io;

pub struct BrowserIo;

/// What its split point hands on (`src/main.rs`): the I/O `web::clock` does.
pub static BROWSER_IO: BrowserIo = BrowserIo;

impl Io for BrowserIo {
    fn fetch_text(&self, url: &str, done: Box<dyn FnOnce(Result<String, String>)>) {
        let url = url.to_owned();
        spawn_local(async move { done(fetch_text(&url).await) });
    }

    fn write_file(&self, name: &str, text: &str, done: Box<dyn FnOnce(Result<(), String>)>) {
        let (name, text) = (name.to_owned(), text.to_owned());
        spawn_local(async move { done(write_file(&name, &text).await) });
    }

    fn read_file(&self, name: &str, done: Box<dyn FnOnce(Result<String, String>)>) {
        let name = name.to_owned();
        spawn_local(async move { done(read_file(&name).await) });
    }
}

/// A rejection or exception as one line: `TypeError: Failed to fetch`, `NotFoundError: …`.
fn reason(value: JsValue) -> String {
    match value.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.to_string()),
        None => value.as_string().unwrap_or_else(|| format!("{value:?}")),
    }
}

async fn settled(promise: Promise) -> Result<JsValue, String> {
    JsFuture::from(promise).await.map_err(reason)
}

fn text_of(value: JsValue) -> Result<String, String> {
    value.as_string().ok_or_else(|| "the browser gave no text".to_owned())
}

/// Whether `object.name` is a function: a browser without it would throw at the call.
fn has_method(object: &JsValue, name: &str) -> bool {
    Reflect::get(object, &JsValue::from_str(name)).is_ok_and(|f| f.is_function())
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = RequestInit::new();
    // Every run goes over the network, as aiohttp's requests do: a cached answer takes no time.
    init.set_cache(RequestCache::NoStore);
    let response: Response = settled(window.fetch_with_str_and_init(url, &init)).await?.unchecked_into();
    text_of(settled(response.text().map_err(reason)?).await?)
}

/// The page's private file system, or why the browser gives it none (an insecure context, an
/// older browser, a private window that refuses storage).
async fn private_directory() -> Result<FileSystemDirectoryHandle, String> {
    let window = web_sys::window().ok_or("no window")?;
    if !window.is_secure_context() {
        return Err("SecurityError: the page is not in a secure context (https or localhost), so the browser gives it no private file system".into());
    }
    let storage = Reflect::get(&window.navigator(), &JsValue::from_str("storage")).map_err(reason)?;
    if storage.is_undefined() || !has_method(&storage, "getDirectory") {
        return Err(
            "NotSupportedError: this browser has no private file system (navigator.storage.getDirectory)".into()
        );
    }
    Ok(settled(storage.unchecked_into::<StorageManager>().get_directory()).await?.unchecked_into())
}

async fn file_handle(name: &str, create: bool) -> Result<FileSystemFileHandle, String> {
    let directory = private_directory().await?;
    let options = FileSystemGetFileOptions::new();
    options.set_create(create);
    Ok(settled(directory.get_file_handle_with_options(name, &options)).await?.unchecked_into())
}

async fn write_file(name: &str, text: &str) -> Result<(), String> {
    let handle = file_handle(name, true).await?;
    if !has_method(&handle, "createWritable") {
        return Err("NotSupportedError: this browser cannot write a private file from the page (createWritable)".into());
    }
    // A new writable starts empty: closing it replaces the file, as mode 'w' does.
    let stream: FileSystemWritableFileStream = settled(handle.create_writable()).await?.unchecked_into();
    settled(stream.write_with_str(text).map_err(reason)?).await?;
    settled(stream.close()).await?;
    Ok(())
}

async fn read_file(name: &str) -> Result<String, String> {
    let file: File = settled(file_handle(name, false).await?.get_file()).await?.unchecked_into();
    text_of(settled(file.text()).await?)
}
