// The HTTP API of PROTOCOL.md section 2.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

export class Api {
  /** onUnauthorized() is called when an authenticated request answers 401. */
  constructor(onUnauthorized) {
    this.token = null;
    this.onUnauthorized = onUnauthorized;
  }

  async request(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const authed = !!this.token;
    if (authed) headers.Authorization = `Bearer ${this.token}`;
    let res;
    try {
      res = await fetch(`/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection.');
    }
    if (res.status === 204) return null;
    let data = null;
    const text = await res.text();
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (e) {
        data = null;
      }
    }
    if (!res.ok) {
      const err = (data && data.error) || {};
      if (res.status === 401 && authed && this.onUnauthorized) this.onUnauthorized();
      throw new ApiError(res.status, err.code || 'http', err.message || `HTTP ${res.status}`);
    }
    return data;
  }

  register(username, password, displayName) {
    const body = { username, password };
    if (displayName) body.displayName = displayName;
    return this.request('POST', '/users', body);
  }

  login(username, password) {
    const ua = navigator.userAgent || '';
    const browser = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge'
      : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
    return this.request('POST', '/sessions', { username, password, deviceName: `Web (${browser})` });
  }

  logout() {
    return this.request('DELETE', '/sessions/current');
  }

  user(id) {
    return this.request('GET', `/users/${encodeURIComponent(id)}`);
  }

  userByName(username) {
    return this.request('GET', `/users?username=${encodeURIComponent(username)}`);
  }

  presence(userIds) {
    return this.request('GET', `/presence?userIds=${userIds.map(encodeURIComponent).join(',')}`);
  }

  conversations() {
    return this.request('GET', '/conversations');
  }

  conversation(id) {
    return this.request('GET', `/conversations/${encodeURIComponent(id)}`);
  }

  openDirect(userId) {
    return this.request('POST', '/conversations', { kind: 'direct', userId });
  }

  createGroup(name, memberIds) {
    return this.request('POST', '/conversations', { kind: 'group', name, memberIds });
  }

  rename(id, name) {
    return this.request('PATCH', `/conversations/${encodeURIComponent(id)}`, { name });
  }

  addMember(id, userId) {
    return this.request('POST', `/conversations/${encodeURIComponent(id)}/members`, { userId });
  }

  removeMember(id, userId) {
    return this.request('DELETE',
      `/conversations/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`);
  }

  messages(id, { before, after, limit } = {}) {
    const q = new URLSearchParams();
    if (before != null) q.set('before', before);
    if (after != null) q.set('after', after);
    if (limit != null) q.set('limit', limit);
    const qs = q.toString();
    return this.request('GET', `/conversations/${encodeURIComponent(id)}/messages${qs ? `?${qs}` : ''}`);
  }

  sendMessage(id, clientId, body) {
    return this.request('POST', `/conversations/${encodeURIComponent(id)}/messages`, { clientId, body });
  }
}
