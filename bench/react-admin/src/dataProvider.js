// A react-admin dataProvider for the user-admin REST contract: what a portal
// team writes by hand per backend when it picks react-admin.
import { fetchUtils, HttpError } from 'react-admin';

const API = '/api/v1';
// The bench starts the reference server with this demo token.
const TOKEN = 'dev-admin-token';

const call = (path, options = {}) => fetchUtils.fetchJson(API + path, {
  ...options,
  user: { authenticated: true, token: `Bearer ${TOKEN}` },
});

// Roles are names on the wire; ArrayField/ChipField want records.
const toRecord = (user) => ({ ...user, roles: (user.roles || []).map((name) => ({ id: name, name })) });
const fromRecord = ({ roles, id, _links, ...rest }) => ({
  ...rest,
  ...(roles ? { roles: roles.map((role) => (typeof role === 'string' ? role : role.name)) } : {}),
});

export const dataProvider = {
  async getList(resource, { pagination, sort, filter }) {
    const query = new URLSearchParams({
      page: String(pagination.page - 1),
      limit: String(pagination.perPage),
    });
    if (sort && sort.field) query.set('sort', (sort.order === 'DESC' ? '-' : '') + sort.field);
    if (filter.q) query.set('q', filter.q);
    const { json } = await call(`/${resource}?${query}`);
    return { data: json.items.map(toRecord), total: json.meta.totalCount };
  },
  async getOne(resource, { id }) {
    const { json } = await call(`/${resource}/${encodeURIComponent(id)}`);
    return { data: toRecord(json) };
  },
  async getMany(resource, { ids }) {
    const data = await Promise.all(ids.map((id) => this.getOne(resource, { id }).then((r) => r.data)));
    return { data };
  },
  async getManyReference() {
    return { data: [], total: 0 };
  },
  async update(resource, { id, data, previousData }) {
    // The contract wants If-Match: read the current ETag, then send only what changed.
    const current = await call(`/${resource}/${encodeURIComponent(id)}`);
    const before = fromRecord(previousData);
    const after = fromRecord(data);
    const patch = Object.fromEntries(Object.entries(after)
      .filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key])));
    const { json } = await call(`/${resource}/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: JSON.stringify(patch),
      headers: new Headers({
        'Content-Type': 'application/merge-patch+json',
        'If-Match': current.headers.get('ETag'),
      }),
    });
    return { data: toRecord(json) };
  },
  async updateMany() {
    throw new HttpError('Not offered', 405);
  },
  async create(resource, { data }) {
    const { json } = await call(`/${resource}`, {
      method: 'POST',
      body: JSON.stringify(fromRecord(data)),
      headers: new Headers({ 'Idempotency-Key': crypto.randomUUID() }),
    });
    return { data: { ...data, id: json.userKey } };
  },
  async delete() {
    throw new HttpError('Not offered', 405);
  },
  async deleteMany() {
    throw new HttpError('Not offered', 405);
  },
};
