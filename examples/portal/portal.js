// The portal's glue: a token function backed by the portal's session, the
// breadcrumb kept in step with the admin, a notice when a user is created,
// and a dark theme switch. All through the element's public API.
const admin = document.querySelector('user-admin');
const adminBase = admin.getAttribute('base-path');

if (location.pathname === adminBase || location.pathname.startsWith(`${adminBase}/`)) {
  // Asked on the first 401 and whenever the token expires; the admin replays
  // the refused request with the token this resolves to.
  admin.getToken = async () => {
    const response = await fetch('/portal/session/token', { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`no session (${response.status})`);
    return (await response.json()).token;
  };
} else {
  admin.remove();
  document.querySelector('.portal-elsewhere').hidden = false;
  document.querySelector('.portal-crumb-here').textContent = 'Home';
}

const crumb = document.querySelector('.portal-crumb-here');
admin.addEventListener('user-admin:navigate', (event) => {
  const { path } = event.detail;
  crumb.textContent = path.startsWith('/users/new')
    ? 'People › New user'
    : path.startsWith('/users/') ? 'People › Profile' : 'People';
});

const toast = document.querySelector('.portal-toast');
admin.addEventListener('user-admin:user-created', (event) => {
  toast.textContent = `User ${event.detail.userKey} created.`;
});

const themeButton = document.querySelector('.portal-theme');
themeButton.addEventListener('click', () => {
  const dark = document.documentElement.classList.toggle('portal-dark');
  themeButton.setAttribute('aria-pressed', String(dark));
});
