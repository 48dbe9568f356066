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

$('signup-form').addEventListener('submit', signUp);
$('login-form').addEventListener('submit', logIn);
$('me-button').addEventListener('click', me);
$('refresh-button').addEventListener('click', refresh);
$('sessions-button').addEventListener('click', sessions);
$('logout-button').addEventListener('click', logOut);
$('logout-everywhere-button').addEventListener('click', logOutEverywhere);
