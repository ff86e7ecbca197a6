/** JSON Schemas shared by the routes: requests are validated, responses serialised from them. */
export const userParams = {
  type: 'object',
  required: ['userId'],
  properties: { userId: { type: 'string', pattern: '^[a-z0-9_-]{1,64}$' } },
};

export const note = {
  type: 'object',
  required: ['id', 'userId', 'title', 'body', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    userId: { type: 'string' },
    title: { type: 'string' },
    body: { type: 'string' },
    createdAt: { type: 'string' },
  },
};

export const newNote = {
  type: 'object',
  required: ['title'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200 },
    body: { type: 'string', maxLength: 10_000, default: '' },
  },
};

export const error = {
  type: 'object',
  properties: { error: { type: 'string' }, message: { type: 'string' } },
};

/** Rows as the database returns them → the API's camelCase shape. */
export function noteFromRow(row) {
  const createdAt = row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at);
  return { id: Number(row.id), userId: row.user_id, title: row.title, body: row.body, createdAt };
}
