// The Ward example page: plain JavaScript, no framework, no build step.
// The access token is kept in this variable only (never in localStorage, which any script could read);
// the refresh token is an HttpOnly cookie that the browser sends to /api/refreshToken by itself.
'use strict';

let accessToken = null;

const $ = (id) => document.getElementById(id);

function show(message, ok) {
  const status = $('status');
  status.textContent = message;
  status.className = ok ? 'ok' : 'error';
}

function showAnswer(status, body) {
  // Never print a token: this box is for reading, and tokens do not belong on screen.
  const shown = Object.assign({}, body);
  for (const key of ['accessToken', 'refreshToken']) {
    if (key in shown) {
      shown[key] = '(hidden)';
    }
  }
  $('output').textContent = status + '\n' + JSON.stringify(shown, null, 2);
}

async function call(method, path, options = {}) {
  // X-Ward-Token-Transport: cookie asks the server to put the refresh token only in the HttpOnly
  // cookie, so no answer this script reads ever holds it.
  const headers = { 'X-Requested-With': 'fetch', 'X-Ward-Token-Transport': 'cookie' };
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (options.auth && accessToken) {
    headers['Authorization'] = 'Bearer ' + accessToken;
  }
  const response = await fetch(path, {
    method,
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
    credentials: 'same-origin',
  });
  let body = {};
  if (response.status !== 204) {
    try {
      body = await response.json();
    } catch (e) {
      body = { error: true, message: 'the answer was not JSON' };
    }
  }
  showAnswer(response.status, body);
  return { status: response.status, body };
}

function failure(what, answer) {
  let text = what + ' failed (' + answer.status + '): ' + (answer.body.message || 'no message');
  if (Array.isArray(answer.body.details)) {
    text += ' [' + answer.body.details.map((d) => d.field + ': ' + d.message).join('; ') + ']';
  }
  show(text, false);
}

function signedIn(body) {
  accessToken = body.accessToken;
  $('access-expires').textContent = body.accessTokenExpiresAt;
}

function signedOut() {
  accessToken = null;
  for (const id of ['me-username', 'me-email', 'me-roles', 'access-expires']) {
    $(id).textContent = '-';
  }
  $('sessions-body').replaceChildren();
}

async function signUp(event) {
  event.preventDefault();
  const answer = await call('POST', '/api/signUp', {
    json: {
      userName: $('signup-username').value,
      email: $('signup-email').value,
      password: $('signup-password').value,
    },
  });
  if (answer.status === 201) {
    show('Signed up as ' + answer.body.user.email + '. Now log in.', true);
    $('login-email').value = $('signup-email').value;
  } else {
    failure('Sign-up', answer);
  }
}

async function logIn(event) {
  event.preventDefault();
  const answer = await call('POST', '/api/logIn', {
    json: { email: $('login-email').value, password: $('login-password').value },
  });
  $('login-password').value = '';
  if (answer.status === 200) {
    signedIn(answer.body);
    show('Logged in.', true);
  } else {
    failure('Log-in', answer);
  }
}

async function me() {
  const answer = await call('GET', '/api/me', { auth: true });
  if (answer.status === 200) {
    $('me-username').textContent = answer.body.userName;
    $('me-email').textContent = answer.body.email;
    $('me-roles').textContent = answer.body.roles.join(', ');
    show('Signed in as ' + answer.body.userName + '.', true);
  } else {
    failure('Who am I', answer);
  }
}

async function refresh() {
  // No token in the body: the browser sends the HttpOnly cookie, and the new refresh token
  // comes back only as a cookie.
  const answer = await call('POST', '/api/refreshToken', { json: {} });
  if (answer.status === 200) {
    signedIn(answer.body);
    show('Refreshed: new access token until ' + answer.body.accessTokenExpiresAt + '.', true);
  } else {
    signedOut();
    failure('Refresh', answer);
  }
}

async function sessions() {
  const answer = await call('GET', '/api/sessions', { auth: true });
  if (answer.status !== 200) {
    failure('Sessions', answer);
    return;
  }
  const rows = answer.body.sessions.map((s) => {
    const row = document.createElement('tr');
    row.className = 'session';
    const cells = [s.id.slice(0, 8) + (s.current ? ' (this one)' : ''), s.createdAt, s.lastUsedAt, s.ip || '',
      s.userAgent || ''];
    for (const text of cells) {
      const cell = document.createElement('td');
      cell.textContent = text; // textContent, never innerHTML: the user agent is the client's text
      if (s.current) {
        cell.className = 'current';
      }
      row.appendChild(cell);
    }
    const action = document.createElement('td');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'End';
    button.addEventListener('click', () => endSession(s.id));
    action.appendChild(button);
    row.appendChild(action);
    return row;
  });
  $('sessions-body').replaceChildren(...rows);
  show(answer.body.message + '.', true);
}

async function endSession(id) {
  const answer = await call('DELETE', '/api/sessions/' + encodeURIComponent(id), { auth: true });
  if (answer.status === 204) {
    await sessions();
  } else {
    failure('Ending the session', answer);
  }
}

async function logOut() {
  const answer = await call('DELETE', '/api/refreshToken', { json: {} });
  signedOut();
  if (answer.status === 200) {
    show('Logged out.', true);
  } else {
    failure('Log-out', answer);
  }
}

async function logOutEverywhere() {
  const answer = await call('DELETE', '/api/sessions', { auth: true });
  if (answer.status === 204) {
    signedOut();
    show('Logged out everywhere.', true);
  } else {
    failure('Log-out everywhere', answer);
  }
}

// ------------------------------------------------------------------ the account lifecycle

// The single-use token of a link arrives in the URL's fragment (#reset-password=...), which the browser
// never sends to a server. It is read once when the page opens and removed from the address bar and the
// history at once, so that it is not shown, bookmarked or shared by accident.
const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;
let linkToken = null;

function readLinkFromFragment() {
  const fragment = window.location.hash.slice(1);
  if (fragment === '') {
    return null;
  }
  history.replaceState(null, '', window.location.pathname + window.location.search);
  const eq = fragment.indexOf('=');
  const action = eq < 0 ? fragment : fragment.slice(0, eq);
  const token = eq < 0 ? '' : fragment.slice(eq + 1);
  if (!TOKEN.test(token)) {
    show('This link is incomplete: open it again from the message, whole.', false);
    return null;
  }
  return { action, token };
}

async function verifyEmail(token) {
  const answer = await call('POST', '/api/verifyEmail', { json: { token } });
  if (answer.status === 200) {
    show('E-mail address ' + answer.body.user.email + ' verified.', true);
  } else {
    failure('Verifying the e-mail address', answer);
  }
}

async function confirmEmail(token) {
  const answer = await call('POST', '/api/email/confirm', { json: { token } });
  if (answer.status === 200) {
    show('E-mail address changed to ' + answer.body.user.email + '. Log in with it from now on.', true);
    $('login-email').value = answer.body.user.email;
  } else {
    failure('Changing the e-mail address', answer);
  }
}

async function resetPassword(event) {
  event.preventDefault();
  const answer = await call('POST', '/api/password/reset', {
    json: { token: linkToken, password: $('reset-new-password').value },
  });
  if (answer.status === 200) {
    $('reset-new-password').value = '';
    $('reset-form').hidden = true;
    linkToken = null;
    signedOut();
    $('login-email').value = answer.body.user.email;
    show('Password changed: every session was ended. Now log in with the new password.', true);
  } else {
    failure('Setting the new password', answer);
  }
}

async function logInWithLink(event) {
  event.preventDefault();
  // call() sends X-Ward-Token-Transport: cookie, so the refresh token comes back in the HttpOnly cookie only.
  const answer = await call('POST', '/api/logInLink/confirm', { json: { token: linkToken } });
  $('link-confirm-form').hidden = true;
  linkToken = null;
  if (answer.status === 200) {
    signedIn(answer.body);
    show('Logged in through the link.', true);
  } else {
    failure('Log-in with the link', answer);
  }
}

async function forgotPassword(event) {
  event.preventDefault();
  const answer = await call('POST', '/api/password/forgot', { json: { email: $('forgot-email').value } });
  if (answer.status === 202) {
    show('If an account has this address, a link to reset its password is on its way.', true);
  } else {
    failure('Asking for a reset link', answer);
  }
}

async function requestLogInLink(event) {
  event.preventDefault();
  const answer = await call('POST', '/api/logInLink', { json: { email: $('link-email').value } });
  if (answer.status === 202) {
    show('If an account has this address, a log-in link is on its way.', true);
  } else if (answer.status === 404) {
    show('Log-in links are off on this server (LOG_IN_LINKS=false).', false);
  } else {
    failure('Asking for a log-in link', answer);
  }
}

async function resendVerification(event) {
  event.preventDefault();
  const answer = await call('POST', '/api/verifyEmail/resend', { auth: true });
  if (answer.status === 202) {
    show('If your address is not verified yet, a new link is on its way.', true);
  } else {
    failure('Sending the verification link', answer);
  }
}

async function changeEmail(event) {
  event.preventDefault();
  const newEmail = $('change-email-new').value;
  const answer = await call('POST', '/api/email/change', {
    auth: true,
    json: { currentPassword: $('change-email-password').value, newEmail },
  });
  $('change-email-password').value = '';
  if (answer.status === 202) {
    show('A link to confirm the change was sent to ' + newEmail + '; your address changes when it is opened.', true);
  } else {
    failure('Changing the e-mail address', answer);
  }
}

async function deleteAccount(event) {
  event.preventDefault();
  const answer = await call('DELETE', '/api/me', {
    auth: true,
    json: { currentPassword: $('delete-password').value },
  });
  $('delete-password').value = '';
  if (answer.status === 204) {
    signedOut();
    show('Account deleted.', true);
  } else {
    failure('Deleting the account', answer);
  }
}

function openLink() {
  const link = readLinkFromFragment();
  if (link === null) {
    return;
  }
  switch (link.action) {
    case 'verify-email':
      verifyEmail(link.token);
      break;
    case 'confirm-email':
      confirmEmail(link.token);
      break;
    case 'reset-password':
      linkToken = link.token;
      $('reset-form').hidden = false;
      show('Choose a new password below.', true);
      $('reset-new-password').focus();
      break;
    case 'log-in-link':
      // A button rather than at once: a mail scanner that opens links and runs scripts must not spend it.
      linkToken = link.token;
      $('link-confirm-form').hidden = false;
      show('Press "Log in" to use the link.', true);
      break;
    default:
      show('This page does not know the link it was opened with.', false);
  }
}

$('signup-form').addEventListener('submit', signUp);
$('login-form').addEventListener('submit', logIn);
$('me-button').addEventListener('click', me);
$('refresh-button').addEventListener('click', refresh);
$('sessions-button').addEventListener('click', sessions);
$('logout-button').addEventListener('click', logOut);
$('logout-everywhere-button').addEventListener('click', logOutEverywhere);
$('reset-form').addEventListener('submit', resetPassword);
$('link-confirm-form').addEventListener('submit', logInWithLink);
$('forgot-form').addEventListener('submit', forgotPassword);
$('link-form').addEventListener('submit', requestLogInLink);
$('verify-form').addEventListener('submit', resendVerification);
$('change-email-form').addEventListener('submit', changeEmail);
$('delete-form').addEventListener('submit', deleteAccount);
openLink();
