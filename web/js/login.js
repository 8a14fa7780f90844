// login.js - "/login.html?next=/lists.html": sign in with an account name and password
// (POST /api/v1/login sets an HttpOnly session cookie), then go back to `next` (a path on this
// site only). Wrong names and wrong passwords get the same message; too many failures wait.
import { api } from './api.js';
import { $ } from './dom.js';
import { initLayout } from './layout.js';

// Only a local path: never send the user to another site after signing in.
function nextPath() {
  const next = new URLSearchParams(location.search).get('next') || '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function showError(text) {
  const el = $('login-error');
  el.textContent = text;
  el.hidden = false;
}

async function submit(e) {
  e.preventDefault();
  const name = $('login-name').value.trim();
  const password = $('login-password').value;
  if (!name || !password) {
    showError('请输入账号和密码。');
    return;
  }
  $('login-submit').disabled = true;
  try {
    await api.login(name, password);
    location.assign(nextPath());
  } catch (err) {
    if (err.status === 429) showError(`登录失败次数过多，请稍后再试。${err.message.replace(/\s*\(.*\)$/, '')}`);
    else if (err.status === 401) showError('账号或密码错误。');
    else showError(`登录失败：${err.message}`);
    $('login-password').value = '';
    $('login-password').focus();
  } finally {
    $('login-submit').disabled = false;
  }
}

initLayout();
$('login-form').addEventListener('submit', submit);
$('login-name').focus();
