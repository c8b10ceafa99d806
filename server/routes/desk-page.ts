/**
 * `/desk/`: where the agent workbench is served. Until it ships, a page that says where the desk API is, so
 * an agent who opens the link is not met by an error.
 */
import type { FastifyPluginAsync } from 'fastify';

const PAGE = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Service Hall · 客服工作台 · Desk</title>
    <style>
      body { font: 16px/1.6 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1f2937; }
      code { background: #f3f4f6; padding: 0 .25em; border-radius: 4px; }
    </style>
  </head>
  <body>
    <main>
      <h1>客服工作台 · Agent desk</h1>
      <p lang="zh-CN">工作台即将上线。现在可以通过客服接口 <code>/api/desk/</code> 接待客户。</p>
      <p lang="en">The workbench is coming. Agents can already answer customers through the desk API at <code>/api/desk/</code>
        (see docs/desk-api.md in the package).</p>
    </main>
  </body>
</html>
`;

export const deskPage: FastifyPluginAsync = async (app) => {
  app.get('/desk', (_request, reply) => reply.redirect('/desk/'));
  app.get('/desk/', (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(PAGE),
  );
};
