// A stateful fake of the Slack Web API that the real @slack/web-api client talks to over HTTP.
// It is strict where Slack is strict (unknown methods, missing arguments, channel name rules,
// Block Kit limits), records every call, and can be told to fail the next calls.
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  blocksProblems,
  CHANNEL_NAME_MAX,
  checkCharacters,
  checkReply,
  MESSAGE_TEXT_MAX,
  type Surface,
  TOPIC_MAX,
  viewProblems,
} from './slack-limits.ts';
import {
  applyFaultBefore,
  close,
  dropConnection,
  FaultSwitch,
  listen,
  readBytes,
  sendJson,
  type RecordedCall,
} from './http-fake.ts';

export type FakeUser = {
  id: string;
  name: string;
  email?: string;
  tz?: string;
  is_bot?: boolean;
  // A guest: multi-channel (restricted) or single-channel (ultra restricted).
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  // Deactivated by an admin: users.info still answers, with `deleted: true`.
  deleted?: boolean;
};
export type FakeFile = {
  id: string;
  name: string;
  title?: string;
  content?: string;
  // The bytes as uploaded (images are not text).
  bytes?: Buffer;
  channels: string[];
};
export type FakeMessage = {
  ts: string;
  files?: { id: string; name: string; title?: string }[];
  user: string;
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  thread_ts?: string;
  edited?: { ts: string };
};
export type FakeChannel = {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  creator: string;
  created: number;
  topic: string;
  purpose: string;
  members: Set<string>;
  messages: FakeMessage[];
  pins: Set<string>;
  bookmarks: { id: string; title: string; link?: string; type: string }[];
};
export type EphemeralMessage = { channel: string; user: string; text: string; blocks?: unknown[] };
export type ResponseUrlPost = { id: string; body: Record<string, unknown> };

class SlackError extends Error {}

const REQUIRED: Record<string, string[]> = {
  'auth.test': [],
  'conversations.create': ['name'],
  'conversations.setTopic': ['channel', 'topic'],
  'conversations.setPurpose': ['channel', 'purpose'],
  'conversations.invite': ['channel', 'users'],
  'conversations.join': ['channel'],
  'conversations.list': [],
  'conversations.info': ['channel'],
  'conversations.history': ['channel'],
  'conversations.members': ['channel'],
  'conversations.open': ['users'],
  'chat.postMessage': ['channel'],
  'chat.update': ['channel', 'ts'],
  'chat.postEphemeral': ['channel', 'user'],
  'chat.getPermalink': ['channel', 'message_ts'],
  'pins.add': ['channel', 'timestamp'],
  'bookmarks.add': ['channel_id', 'title', 'type'],
  'bookmarks.list': ['channel_id'],
  'users.info': ['user'],
  'users.conversations': [],
  'users.lookupByEmail': ['email'],
  'views.open': ['trigger_id', 'view'],
  'views.update': ['view'],
  'views.publish': ['user_id', 'view'],
  'apps.connections.open': [],
  'files.getUploadURLExternal': ['filename', 'length'],
  'files.completeUploadExternal': ['files'],
  'files.list': [],
};

export const FAKE_TEAM_ID = 'T0FAKE001';
export const FAKE_BOT_USER_ID = 'U0BOT0001';
export const FAKE_BOT_ID = 'B0BOT0001';

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly faults = new FaultSwitch();
  // 'received' (method, args) when a call arrives; 'performed' (method, args) once its effect is kept.
  readonly events = new EventEmitter();
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly ephemerals: EphemeralMessage[] = [];
  // Uploaded files by id; content arrives on the upload URL, sharing with completeUploadExternal.
  readonly files = new Map<string, FakeFile>();
  readonly responseUrlPosts: ResponseUrlPost[] = [];
  readonly views: { id: string; view: Record<string, unknown> }[] = [];
  // Each person's Home tab as last published (views.publish).
  readonly homes = new Map<string, Record<string, unknown>>();
  private server = http.createServer((req, res) => void this.handle(req, res));
  // Socket Mode: apps.connections.open hands out ws://.../socket; envelopes go down it.
  private sockets = new WebSocketServer({ server: this.server, path: '/socket' });
  private pendingAcks = new Map<string, (payload: Record<string, unknown>) => void>();
  // The newest connection gets the envelopes (an app may hold several while it reconnects), and
  // `connections` counts every hello sent, so a test can wait for the next one.
  private newestSocket: WebSocket | null = null;
  connections = 0;
  private seq = 0;
  private clockSeconds = Math.floor(Date.now() / 1000);
  port = 0;

  constructor(readonly botToken = 'xoxb-test-token') {
    this.sockets.on('connection', (socket) => this.onSocket(socket));
    this.addUser({ id: FAKE_BOT_USER_ID, name: 'incident-bot', is_bot: true });
  }

  get apiUrl() {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string) {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  async start() {
    this.port = await listen(this.server);
    return this;
  }

  async stop() {
    for (const socket of this.sockets.clients) socket.terminate();
    this.sockets.close();
    await close(this.server);
  }

  get socketConnected() {
    return this.sockets.clients.size > 0;
  }

  // A slash command as a Socket Mode envelope's payload.
  commandPayload(text: string, channel = 'C0GENERAL', user = 'U0ALICE01') {
    return {
      team_id: FAKE_TEAM_ID,
      channel_id: channel,
      user_id: user,
      command: '/incident',
      text,
      response_url: this.responseUrl('socket'),
      trigger_id: 'trigger-socket',
      api_app_id: 'A0FAKEAPP',
    };
  }

  // Drops the app's connection the ways Slack does: a reset TCP connection, a `disconnect` message
  // asking the app to reconnect (Slack refreshes connections routinely), or a close frame 1011.
  dropSocket(kind: 'reset' | 'refresh_requested' | 'close_1011') {
    const socket = this.newestSocket;
    if (!socket) throw new Error('no Socket Mode connection');
    if (kind === 'reset') socket.terminate();
    else if (kind === 'close_1011') socket.close(1011, 'server error');
    else socket.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake' } }));
  }

  // Sends a Socket Mode envelope (slash_commands, interactive, events_api) and resolves with the
  // app's acknowledgement payload.
  async sendEnvelope(
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: Record<string, unknown>,
    timeoutMs = 5_000,
  ): Promise<Record<string, unknown>> {
    const socket = this.newestSocket;
    if (!socket) throw new Error('no Socket Mode connection');
    const envelopeId = randomUUID();
    const acked = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${type} envelope`)), timeoutMs);
      this.pendingAcks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
      }),
    );
    return acked;
  }

  private onSocket(socket: WebSocket) {
    this.newestSocket = socket;
    this.connections++;
    socket.on('close', () => {
      if (this.newestSocket === socket) this.newestSocket = null;
    });
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (!message.envelope_id) return;
      checkReply('Socket Mode acknowledgement', message.payload);
      this.pendingAcks.get(message.envelope_id)?.(message.payload ?? {});
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake' },
        connection_info: { app_id: 'A0FAKEAPP' },
      }),
    );
  }

  addUser(user: FakeUser) {
    this.users.set(user.id, { tz: 'UTC', ...user });
  }

  addChannel(partial: Partial<FakeChannel> & { name: string }): FakeChannel {
    const channel: FakeChannel = {
      id: this.nextId('C'),
      is_private: false,
      is_archived: false,
      creator: 'U0HUMAN01',
      created: this.clockSeconds,
      topic: '',
      purpose: '',
      members: new Set(),
      messages: [],
      pins: new Set(),
      bookmarks: [],
      ...partial,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  // A message someone (not the bot) posted, as Slack stores it.
  postAs(channelId: string, user: string, text: string, ts?: string): FakeMessage {
    const message: FakeMessage = { ts: ts ?? this.nextTs(), user, text };
    this.channels.get(channelId)!.messages.push(message);
    return message;
  }

  channelByName(name: string) {
    return [...this.channels.values()].find((c) => c.name === name);
  }

  callsTo(method: string) {
    return this.calls.filter((c) => c.method === method && c.ok);
  }

  responsesFor(id: string) {
    return this.responseUrlPosts.filter((p) => p.id === id).map((p) => p.body);
  }

  private nextId(prefix: string) {
    return `${prefix}${String(++this.seq).padStart(8, '0')}`;
  }

  private nextTs() {
    return `${this.clockSeconds}.${String(++this.seq).padStart(6, '0')}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const bytes = await readBytes(req);
    const body = bytes.toString('utf8');
    if (url.pathname.startsWith('/upload/')) {
      const file = this.files.get(url.pathname.slice('/upload/'.length));
      if (!file) return void res.writeHead(404).end('no such upload');
      // The client sends the file as multipart form data; the fake keeps the file's text.
      const type = req.headers['content-type'] ?? '';
      const form = type.startsWith('multipart/form-data')
        ? await new Request('http://fake/upload', {
            method: 'POST',
            headers: { 'content-type': type },
            body: bytes,
          }).formData()
        : null;
      const part = form ? [...form.values()][0] : bytes;
      file.bytes =
        typeof part === 'string'
          ? Buffer.from(part)
          : Buffer.isBuffer(part)
            ? part
            : Buffer.from(await (part as Blob).arrayBuffer());
      file.content = file.bytes.toString('utf8');
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${body.length}`);
      return;
    }
    if (url.pathname.startsWith('/respond/')) {
      const reply = JSON.parse(body || '{}');
      checkReply('response_url post', reply);
      this.responseUrlPosts.push({ id: url.pathname.slice('/respond/'.length), body: reply });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = parseArgs(body, req.headers['content-type']);
    const fault = this.faults.take(method, args);
    this.events.emit('received', method, args);
    if (await applyFaultBefore(fault, res)) {
      this.calls.push({ method, args, ok: false, error: fault!.kind, at: Date.now() });
      return;
    }
    let answer: Record<string, unknown>;
    try {
      this.authorize(method, req.headers.authorization);
      answer = { ok: true, ...this.dispatch(method, args) };
      this.calls.push({ method, args, ok: true, at: Date.now() });
      this.events.emit('performed', method, args);
    } catch (error) {
      const code = error instanceof SlackError ? error.message : 'internal_error';
      answer = { ok: false, error: code };
      this.calls.push({ method, args, ok: false, error: code, at: Date.now() });
    }
    if (fault?.kind === 'drop_response') return dropConnection(res);
    sendJson(res, 200, answer);
  }

  private authorize(method: string, header: string | undefined) {
    if (!(method in REQUIRED)) throw new SlackError('unknown_method');
    const token = header?.replace(/^Bearer /, '');
    if (method === 'apps.connections.open' ? !token?.startsWith('xapp-') : token !== this.botToken)
      throw new SlackError('invalid_auth');
  }

  private dispatch(method: string, args: Record<string, unknown>): Record<string, unknown> {
    for (const name of REQUIRED[method]!) {
      if (args[name] === undefined || args[name] === '')
        throw new SlackError(name === 'channel' ? 'channel_not_found' : 'invalid_arguments');
    }
    checkCharacters(method, args);
    const handler = (this.methods as Record<string, (a: Record<string, unknown>) => Record<string, unknown>>)[method];
    if (!handler) throw new SlackError('unknown_method');
    return handler(args);
  }

  private channel(id: unknown): FakeChannel {
    const channel = this.channels.get(String(id));
    if (!channel) throw new SlackError('channel_not_found');
    return channel;
  }

  private user(id: unknown): FakeUser {
    const user = this.users.get(String(id));
    if (!user) throw new SlackError('user_not_found');
    return user;
  }

  private message(channel: FakeChannel, ts: unknown): FakeMessage {
    const message = channel.messages.find((m) => m.ts === String(ts));
    if (!message) throw new SlackError('message_not_found');
    return message;
  }

  private postable(channel: FakeChannel) {
    if (channel.is_archived) throw new SlackError('is_archived');
    if (!channel.members.has(FAKE_BOT_USER_ID) && channel.is_private) throw new SlackError('not_in_channel');
  }

  private readonly methods = {
    'auth.test': () => ({
      url: 'https://fake.slack.com/',
      team: 'Fake',
      user: 'incident-bot',
      team_id: FAKE_TEAM_ID,
      user_id: FAKE_BOT_USER_ID,
      bot_id: FAKE_BOT_ID,
    }),
    'apps.connections.open': () => ({ url: `ws://127.0.0.1:${this.port}/socket` }),
    'conversations.create': (a: Record<string, unknown>) => {
      const name = String(a.name);
      if (name.length > CHANNEL_NAME_MAX) throw new SlackError('invalid_name_maxlength');
      if (!/^[a-z0-9_-]+$/.test(name)) throw new SlackError('invalid_name_specials');
      if (this.channelByName(name)) throw new SlackError('name_taken');
      const channel = this.addChannel({
        name,
        is_private: a.is_private === 'true' || a.is_private === true,
        creator: FAKE_BOT_USER_ID,
      });
      channel.members.add(FAKE_BOT_USER_ID);
      return { channel: this.describe(channel) };
    },
    'conversations.setTopic': (a: Record<string, unknown>) => {
      const channel = this.channel(a.channel);
      if (String(a.topic).length > TOPIC_MAX) throw new SlackError('too_long');
      channel.topic = String(a.topic);
      return { channel: this.describe(channel) };
    },
    'conversations.setPurpose': (a: Record<string, unknown>) => {
      const channel = this.channel(a.channel);
      if (String(a.purpose).length > TOPIC_MAX) throw new SlackError('too_long');
      channel.purpose = String(a.purpose);
      return { channel: this.describe(channel) };
    },
    'conversations.invite': (a: Record<string, unknown>) => {
      const channel = this.channel(a.channel);
      const ids = String(a.users)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const id of ids) this.user(id);
      const fresh = ids.filter((id) => !channel.members.has(id));
      if (!fresh.length) throw new SlackError('already_in_channel');
      for (const id of fresh) channel.members.add(id);
      return { channel: this.describe(channel) };
    },
    'conversations.join': (a: Record<string, unknown>) => {
      const channel = this.channel(a.channel);
      if (channel.is_private) throw new SlackError('method_not_supported_for_channel_type');
      channel.members.add(FAKE_BOT_USER_ID);
      return { channel: this.describe(channel) };
    },
    'conversations.list': (a: Record<string, unknown>) => {
      const types = String(a.types ?? 'public_channel').split(',');
      const channels = [...this.channels.values()].filter(
        (c) =>
          (c.is_private
            ? types.includes('private_channel') && c.members.has(FAKE_BOT_USER_ID)
            : types.includes('public_channel')) && !(a.exclude_archived === 'true' && c.is_archived),
      );
      return { channels: channels.map((c) => this.describe(c)), response_metadata: { next_cursor: '' } };
    },
    'conversations.info': (a: Record<string, unknown>) => ({ channel: this.describe(this.channel(a.channel)) }),
    'conversations.history': (a: Record<string, unknown>) => {
      const channel = this.channel(a.channel);
      const limit = Number(a.limit ?? 100);
      const inclusive = a.inclusive === 'true' || a.inclusive === true;
      const inRange = (m: FakeMessage) =>
        (a.latest === undefined || (inclusive ? Number(m.ts) <= Number(a.latest) : Number(m.ts) < Number(a.latest))) &&
        (a.oldest === undefined || (inclusive ? Number(m.ts) >= Number(a.oldest) : Number(m.ts) > Number(a.oldest)));
      const messages = [...channel.messages].reverse().filter(inRange).slice(0, limit);
      const withMetadata = a.include_all_metadata === 'true' || a.include_all_metadata === true;
      return { messages: messages.map((m) => (withMetadata ? m : { ...m, metadata: undefined })), has_more: false };
    },
    'conversations.members': (a: Record<string, unknown>) => ({
      members: [...this.channel(a.channel).members],
      response_metadata: { next_cursor: '' },
    }),
    // A direct message with one person (a group DM of several is not needed by the bot).
    'conversations.open': (a: Record<string, unknown>) => {
      const users = String(a.users).split(',');
      if (users.length !== 1) throw new SlackError('not_implemented');
      return { channel: { id: this.directMessage(this.user(users[0]).id).id } };
    },
    'files.getUploadURLExternal': (a: Record<string, unknown>) => {
      const id = this.nextId('F');
      this.files.set(id, { id, name: String(a.filename), channels: [] });
      return { upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (a: Record<string, unknown>) => {
      const listed = parseJson(a.files) as { id: string; title?: string }[] | undefined;
      const files = (listed ?? []).map((f) => {
        const file = this.files.get(f.id);
        if (!file || file.content === undefined) throw new SlackError('file_not_found');
        file.title = f.title ?? file.name;
        return file;
      });
      if (a.channel_id) {
        const channel = this.channel(a.channel_id);
        this.postable(channel);
        for (const file of files) file.channels.push(channel.id);
        channel.messages.push({
          ts: this.nextTs(),
          user: FAKE_BOT_USER_ID,
          text: String(a.initial_comment ?? ''),
          files: files.map(({ id, name, title }) => ({ id, name, title })),
        });
      }
      return { files: files.map(({ id, name, title }) => ({ id, name, title })) };
    },
    'files.list': (a: Record<string, unknown>) => ({
      files: [...this.files.values()]
        .filter((f) => !a.channel || f.channels.includes(String(a.channel)))
        .map(({ id, name, title, channels }) => ({ id, name, title, channels })),
      paging: { count: 100, total: this.files.size, page: 1, pages: 1 },
    }),
    'chat.postMessage': (a: Record<string, unknown>) => {
      const channel = this.users.has(String(a.channel))
        ? this.directMessage(String(a.channel))
        : this.channel(a.channel);
      this.postable(channel);
      validateText(a.text);
      const blocks = validateBlocks(a.blocks, 'message');
      if (!a.text && !blocks) throw new SlackError('no_text');
      const message: FakeMessage = {
        ts: this.nextTs(),
        user: FAKE_BOT_USER_ID,
        text: String(a.text ?? ''),
        blocks,
        thread_ts: a.thread_ts as string | undefined,
      };
      const metadata = parseJson(a.metadata);
      if (metadata) message.metadata = metadata as FakeMessage['metadata'];
      channel.messages.push(message);
      return { channel: channel.id, ts: message.ts, message };
    },
    'chat.update': (a: Record<string, unknown>) => {
      const channel = this.channel(a.channel);
      const message = this.message(channel, a.ts);
      if (message.user !== FAKE_BOT_USER_ID) throw new SlackError('cant_update_message');
      validateText(a.text);
      const blocks = validateBlocks(a.blocks, 'message');
      if (a.text !== undefined) message.text = String(a.text);
      if (blocks) message.blocks = blocks;
      message.edited = { ts: this.nextTs() };
      return { channel: channel.id, ts: message.ts, text: message.text };
    },
    'chat.postEphemeral': (a: Record<string, unknown>) => {
      const channel = this.channel(a.channel);
      this.user(a.user);
      if (!channel.members.has(String(a.user))) throw new SlackError('user_not_in_channel');
      validateText(a.text);
      const blocks = validateBlocks(a.blocks, 'message');
      if (!a.text && !blocks) throw new SlackError('no_text');
      this.ephemerals.push({ channel: channel.id, user: String(a.user), text: String(a.text ?? ''), blocks });
      return { message_ts: this.nextTs() };
    },
    'chat.getPermalink': (a: Record<string, unknown>) => {
      const channel = this.channel(a.channel);
      this.message(channel, a.message_ts);
      return {
        channel: channel.id,
        permalink: `https://fake.slack.com/archives/${channel.id}/p${String(a.message_ts).replace('.', '')}`,
      };
    },
    'pins.add': (a: Record<string, unknown>) => {
      const channel = this.channel(a.channel);
      this.message(channel, a.timestamp);
      if (channel.pins.has(String(a.timestamp))) throw new SlackError('already_pinned');
      channel.pins.add(String(a.timestamp));
      return {};
    },
    'bookmarks.add': (a: Record<string, unknown>) => {
      const channel = this.channel(a.channel_id);
      if (a.type !== 'link' || !a.link) throw new SlackError('invalid_arguments');
      const bookmark = { id: this.nextId('Bk'), title: String(a.title), link: String(a.link), type: 'link' };
      channel.bookmarks.push(bookmark);
      return { bookmark };
    },
    'bookmarks.list': (a: Record<string, unknown>) => ({ bookmarks: this.channel(a.channel_id).bookmarks }),
    'users.info': (a: Record<string, unknown>) => {
      const user = this.user(a.user);
      return {
        user: {
          id: user.id,
          name: user.name,
          tz: user.tz,
          is_bot: !!user.is_bot,
          is_restricted: !!user.is_restricted,
          is_ultra_restricted: !!user.is_ultra_restricted,
          deleted: !!user.deleted,
          profile: { email: user.email, real_name: user.name },
        },
      };
    },
    // The conversations `user` is in; private ones only where the bot is a member too, as Slack
    // restricts non-public channels to those the caller shares.
    'users.conversations': (a: Record<string, unknown>) => {
      const userId = String(a.user ?? FAKE_BOT_USER_ID);
      this.user(userId);
      const types = String(a.types ?? 'public_channel').split(',');
      const channels = [...this.channels.values()].filter(
        (c) =>
          !c.id.startsWith('D') &&
          c.members.has(userId) &&
          (c.is_private
            ? types.includes('private_channel') && c.members.has(FAKE_BOT_USER_ID)
            : types.includes('public_channel')) &&
          !(String(a.exclude_archived) === 'true' && c.is_archived),
      );
      return { channels: channels.map((c) => this.describe(c)), response_metadata: { next_cursor: '' } };
    },
    'users.lookupByEmail': (a: Record<string, unknown>) => {
      const user = [...this.users.values()].find((u) => u.email?.toLowerCase() === String(a.email).toLowerCase());
      if (!user) throw new SlackError('users_not_found');
      return { user: { id: user.id, name: user.name, tz: user.tz, profile: { email: user.email } } };
    },
    'views.open': (a: Record<string, unknown>) => {
      const view = parseJson(a.view) as Record<string, unknown> | undefined;
      validateView(view);
      if (view?.type !== 'modal') throw new SlackError('invalid_arguments');
      const id = this.nextId('V');
      this.views.push({ id, view });
      return { view: { id, ...view } };
    },
    // A Home tab: `home` views only, for a member of the workspace (docs.slack.dev/reference/methods/views.publish).
    'views.publish': (a: Record<string, unknown>) => {
      const view = parseJson(a.view) as Record<string, unknown> | undefined;
      validateView(view);
      if (view?.type !== 'home') throw new SlackError('invalid_arguments');
      const user = this.user(a.user_id);
      const id = this.nextId('V');
      this.homes.set(user.id, view);
      return { view: { id, ...view } };
    },
    'views.update': (a: Record<string, unknown>) => {
      const view = parseJson(a.view) as Record<string, unknown> | undefined;
      const existing = this.views.find((v) => v.id === a.view_id);
      if (!existing || !view) throw new SlackError('not_found');
      validateView(view);
      existing.view = view;
      return { view: { id: existing.id, ...view } };
    },
  };

  // Posting to a user id writes in the app's direct-message channel with them.
  private directMessage(userId: string): FakeChannel {
    const id = `D${userId.slice(1)}`;
    return (
      this.channels.get(id) ??
      this.addChannel({
        id,
        name: `dm-${userId.toLowerCase()}`,
        is_private: true,
        members: new Set([userId, FAKE_BOT_USER_ID]),
      })
    );
  }

  private describe(c: FakeChannel) {
    return {
      id: c.id,
      name: c.name,
      is_channel: !c.is_private,
      is_private: c.is_private,
      is_archived: c.is_archived,
      is_member: c.members.has(FAKE_BOT_USER_ID),
      creator: c.creator,
      created: c.created,
      topic: { value: c.topic },
      purpose: { value: c.purpose },
      num_members: c.members.size,
    };
  }
}

function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(body || '{}');
  return Object.fromEntries(new URLSearchParams(body));
}

function parseJson(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new SlackError('invalid_arguments');
  }
}

// Slack's answer to blocks it refuses (tests/fakes/slack-limits.ts says which and why).
function validateBlocks(raw: unknown, surface: Surface): unknown[] | undefined {
  const blocks = parseJson(raw);
  if (blocks === undefined) return undefined;
  const { code } = blocksProblems(blocks, surface);
  if (code) throw new SlackError(code);
  return blocks as unknown[];
}

// A message's text: refused over Slack's limit, as chat.postMessage and chat.update do.
function validateText(text: unknown) {
  if (typeof text === 'string' && text.length > MESSAGE_TEXT_MAX) throw new SlackError('msg_too_long');
}

function validateView(view: Record<string, unknown> | undefined) {
  if (view?.type !== 'modal' && view?.type !== 'home') throw new SlackError('invalid_arguments');
  if (viewProblems(view).length) throw new SlackError('invalid_arguments');
}
