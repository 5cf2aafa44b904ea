// GraphiQL for Docent's admins, in the browser: React, ReactDOM, graphql-ws and GraphiQL are
// loaded before this script as globals (their UMD builds, served by the gateway). It adds what
// Docent needs: subscriptions over graphql-ws signed in with the Headers pane's Authorization,
// and a "Sign in" tab whose session fills that header (and is renewed before it expires).
/* global React, ReactDOM, GraphiQL, graphqlWs */
(function () {
  'use strict';
  const h = React.createElement;
  const config = JSON.parse(document.getElementById('docent-graphiql-config').textContent);
  const endpoint = new URL(config.endpoint, location.href);
  const socketUrl = endpoint.href.replace(/^http/, 'ws');

  // One WebSocket client per Authorization value: the server signs a socket in once, in
  // connection_init, so another header needs another socket.
  const socketClients = new Map();
  function socketFor(authorization) {
    if (!socketClients.has(authorization)) {
      socketClients.set(authorization, graphqlWs.createClient({ url: socketUrl, lazy: true, connectionParams: authorization ? { authorization } : {} }));
    }
    return socketClients.get(authorization);
  }

  function headerValue(headers, name) {
    const key = Object.keys(headers || {}).find((candidate) => candidate.toLowerCase() === name);
    return key === undefined ? '' : String(headers[key]);
  }

  const fetchers = new Map();
  function fetcher(params, options) {
    const authorization = headerValue(options && options.headers, 'authorization');
    if (!fetchers.has(authorization)) fetchers.set(authorization, GraphiQL.createFetcher({ url: endpoint.href, wsClient: socketFor(authorization) }));
    return fetchers.get(authorization)(params, options);
  }

  const SESSION_FIELDS = 'accessToken accessTokenExpiresAt refreshToken user { email role }';

  async function call(query, variables) {
    const response = await fetch(endpoint.href, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = await response.json();
    const error = body.errors && body.errors[0];
    if (error) throw Object.assign(new Error(error.message), { code: error.extensions && error.extensions.code });
    return body.data;
  }

  /** Sets Authorization in the Headers pane, keeping any other header the admin typed. */
  function fillAuthorization(headerEditor, value) {
    let headers = {};
    try {
      const parsed = JSON.parse(headerEditor.getValue() || '{}');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) headers = parsed;
    } catch {
      // Not JSON: replaced by the header alone.
    }
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'authorization') delete headers[key];
    headerEditor.setValue(JSON.stringify(Object.assign({ Authorization: value }, headers), null, 2));
  }

  // Lets the Sign in tab set the headers that new tabs start with.
  const NewTabHeaders = React.createContext(() => undefined);

  function SignInPanel() {
    const editors = GraphiQL.React.useEditorContext({ nonNull: true });
    const setNewTabHeaders = React.useContext(NewTabHeaders);
    const [email, setEmail] = React.useState('');
    const [password, setPassword] = React.useState('');
    const [state, setState] = React.useState({ kind: 'signed-out' });
    const session = state.kind === 'signed-in' ? state.session : undefined;

    const start = React.useCallback(
      (next) => {
        fillAuthorization(editors.headerEditor, 'Bearer ' + next.accessToken);
        setNewTabHeaders('Bearer ' + next.accessToken);
        setState({ kind: 'signed-in', session: next });
      },
      [editors.headerEditor, setNewTabHeaders],
    );

    // Renews the session a minute before the access token expires, so the header keeps working.
    React.useEffect(() => {
      if (!session) return undefined;
      const renewIn = Math.max(5000, new Date(session.accessTokenExpiresAt).getTime() - Date.now() - 60000);
      const timer = setTimeout(() => {
        call('mutation Renew($token: String!) { refreshToken(refreshToken: $token) { ' + SESSION_FIELDS + ' } }', { token: session.refreshToken })
          .then((data) => start(data.refreshToken))
          .catch((error) => setState({ kind: 'error', message: 'The session ended: ' + error.message, code: error.code }));
      }, renewIn);
      return () => clearTimeout(timer);
    }, [session, start]);

    async function signIn(event) {
      event.preventDefault();
      setState({ kind: 'busy' });
      try {
        const data = await call('mutation SignIn($input: CredentialsInput!) { login(input: $input) { ' + SESSION_FIELDS + ' } }', { input: { email, password } });
        setPassword('');
        start(data.login);
      } catch (error) {
        setState({ kind: 'error', message: error.message, code: error.code });
      }
    }

    async function signOut() {
      if (session) await call('mutation SignOut($token: String!) { logout(refreshToken: $token) }', { token: session.refreshToken }).catch(() => undefined);
      fillAuthorization(editors.headerEditor, '');
      setNewTabHeaders('');
      setState({ kind: 'signed-out' });
    }

    if (session) {
      return h(
        'div',
        { className: 'docent-sign-in' },
        h('div', { className: 'graphiql-doc-explorer-title' }, 'Signed in'),
        h('p', { role: 'status' }, 'As ', h('strong', null, session.user.email), ' (', session.user.role, '). The Headers pane carries the access token; it is renewed before it expires.'),
        h('button', { type: 'button', className: 'graphiql-button', onClick: signOut }, 'Sign out'),
      );
    }
    return h(
      'form',
      { className: 'docent-sign-in', onSubmit: signIn, 'aria-label': 'Sign in' },
      h('div', { className: 'graphiql-doc-explorer-title' }, 'Sign in'),
      h('p', null, 'Your session fills the Authorization header of the Headers pane.'),
      h('label', null, 'Email', h('input', { type: 'email', name: 'email', autoComplete: 'username', required: true, value: email, onChange: (event) => setEmail(event.target.value) })),
      h('label', null, 'Password', h('input', { type: 'password', name: 'password', autoComplete: 'current-password', required: true, value: password, onChange: (event) => setPassword(event.target.value) })),
      h('button', { type: 'submit', className: 'graphiql-button', disabled: state.kind === 'busy' }, state.kind === 'busy' ? 'Signing in…' : 'Sign in'),
      state.kind === 'error' ? h('p', { role: 'alert', className: 'docent-sign-in-error' }, state.message, state.code ? ' (' + state.code + ')' : '') : null,
    );
  }

  function KeyIcon() {
    return h(
      'svg',
      { viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': true },
      h('circle', { cx: 8, cy: 15, r: 4 }),
      h('path', { d: 'M10.85 12.15 19 4M17 6l2 2M15 8l2 2' }),
    );
  }

  const signInPlugin = { title: 'Sign in', icon: KeyIcon, content: SignInPanel };

  const headersWith = (authorization) => JSON.stringify({ Authorization: authorization }, null, 2);

  function DocentGraphiQL() {
    // A tab opened after signing in starts with the session's Authorization too.
    const [authorization, setAuthorization] = React.useState('');
    return h(
      NewTabHeaders.Provider,
      { value: setAuthorization },
      h(GraphiQL, {
        fetcher,
        plugins: [signInPlugin],
        visiblePlugin: signInPlugin,
        defaultTabs: config.tabs,
        headers: headersWith(''),
        defaultHeaders: headersWith(authorization),
        shouldPersistHeaders: false,
        defaultEditorToolsVisibility: 'headers',
      }),
    );
  }

  ReactDOM.createRoot(document.getElementById('graphiql')).render(h(DocentGraphiQL));
})();
