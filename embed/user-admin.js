// The portal's entry point: registers <user-admin> and exports mount().
//
//   <script type="module" src="/admin/user-admin.js"></script>
//   <user-admin api-base="/api/v1" base-path="/admin" locale="de"></user-admin>
//
// Every file is found next to this script, so the bundle can be served from
// any path. Nothing is added to `window`: the element's registration is the
// only global effect. The build writes the hashed file names into ASSETS.
const ASSETS = null; // filled in by embed/write-loader.js

const here = new URL('.', import.meta.url);
let wasm;

// Loads and starts the WebAssembly bundle once for every admin on the page.
// A download that failed is not kept: the next mount, or Try again, starts afresh.
function loadBundle() {
  if (!wasm) {
    wasm = import(new URL(ASSETS.js, here).href).then(async (bundle) => {
      await bundle.default({ module_or_path: new URL(ASSETS.wasm, here) });
      return bundle;
    });
    wasm.catch(() => { wasm = undefined; });
  }
  return wasm;
}

// Shown in the element when the code does not load. The admin's catalogue
// is in that code, so this one message is written here, in English (and
// marked so, for a screen reader on a page in another language).
function loadFailure(retry) {
  const element = (name, className, text) => {
    const made = document.createElement(name);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  };
  const failed = element('div', 'ua-app ua-main');
  failed.lang = 'en';
  // A heading of its own, as each screen of the admin has.
  const alert = element('div');
  alert.setAttribute('role', 'alert');
  alert.append(
    element('h1', 'ua-page-title', 'The admin did not load'),
    element('p', '', 'Its code could not be downloaded. Check your connection and try again.'),
  );
  const again = element('button', 'ua-button', 'Try again');
  again.type = 'button';
  again.addEventListener('click', retry);
  failed.append(alert, again);
  return failed;
}

// Our styles, into a shadow root: they style nothing outside it, and the
// portal's selectors do not reach in. <link>s keep `style-src 'self'` enough.
function shadowRootFor(element) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const links = ASSETS.css.map((file) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(file, here).href;
    return link;
  });
  const container = document.createElement('div');
  container.className = 'ua-root';
  root.replaceChildren(...links, container);
  return { root, container };
}

/**
 * Mounts the admin into `element` (its shadow root). `config` holds
 * `apiBase`, `basePath`, `locale`, `presenceRefreshMs`, `apiProfile` (a
 * built-in profile's name, a same-origin URL or a profile document), `token` and
 * `getToken` (a function returning a token or a promise of one, asked on a
 * 401). Returns at once; `ready` resolves when the admin has rendered,
 * and rejects when its code did not load (the element then says so, with
 * Try again).
 * `kept` is what a previous handle's `unmount()` returned: the unsaved
 * input of its forms, given back to the same forms here.
 */
export function mount(element, config = {}, kept = undefined) {
  let admin = null;
  let removed = false;
  let token = config.token;
  let getToken = config.getToken;
  const { root, container } = shadowRootFor(element);
  const start = () => loadBundle().then((bundle) => {
    if (removed) {
      kept?.free();
      return;
    }
    container.replaceChildren();
    admin = bundle.mountAdmin(container, element, { ...config, token, getToken }, kept);
  }, (error) => {
    if (!removed) {
      console.error('user-admin: the admin did not load', error);
      // Try again keeps this handle: the host's token and listeners stay.
      container.replaceChildren(loadFailure(() => { start().catch(() => {}); }));
    }
    throw error;
  });
  // Rejects when the code does not load; the element shows that itself.
  const ready = start();
  return {
    ready,
    setToken(value) {
      token = value;
      admin?.setToken(value ?? null);
    },
    setTokenFunction(fn) {
      getToken = fn;
      admin?.setTokenFunction(fn ?? null);
    },
    // Returns the unsaved input to hand to the next mount() (or to drop).
    unmount() {
      removed = true;
      const left = admin?.unmount();
      admin?.free();
      admin = null;
      root.replaceChildren();
      return left;
    },
  };
}

const ATTRIBUTES = ['api-base', 'base-path', 'locale', 'presence-refresh-ms', 'api-profile'];
const optionName = (attribute) => attribute.replace(/-(\w)/g, (_, c) => c.toUpperCase());

class UserAdminElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #admin = null;
  #token = undefined;
  #getToken = undefined;
  #apiProfile = undefined;

  get token() { return this.#token; }
  set token(value) {
    this.#token = value;
    this.#admin?.setToken(value);
  }

  get getToken() { return this.#getToken; }
  set getToken(fn) {
    this.#getToken = fn;
    this.#admin?.setTokenFunction(fn);
  }

  // A profile document (or a built-in's name, or a same-origin URL); it
  // takes the place of the api-profile attribute. Set, it mounts again.
  get apiProfile() { return this.#apiProfile; }
  set apiProfile(value) {
    this.#apiProfile = value;
    this.#remount();
  }

  connectedCallback() {
    this.#mount();
  }

  disconnectedCallback() {
    this.#admin?.unmount()?.free();
    this.#admin = null;
  }

  // A changed attribute takes effect by mounting again with it; a form open
  // at that moment keeps what the admin typed.
  attributeChangedCallback(_name, before, after) {
    if (before !== after) this.#remount();
  }

  #remount() {
    if (this.#admin) {
      const kept = this.#admin.unmount();
      this.#admin = null;
      this.#mount(kept);
    }
  }

  #mount(kept = undefined) {
    if (this.#admin) return;
    const config = { token: this.#token, getToken: this.#getToken };
    for (const attribute of ATTRIBUTES) {
      const value = this.getAttribute(attribute);
      if (value !== null) config[optionName(attribute)] = value;
    }
    if (this.#apiProfile !== undefined) config.apiProfile = this.#apiProfile;
    this.#admin = mount(this, config, kept);
    // The element shows a failed load itself; nobody awaits its `ready`.
    this.#admin.ready.catch(() => {});
  }
}

if (!customElements.get('user-admin')) {
  customElements.define('user-admin', UserAdminElement);
}
