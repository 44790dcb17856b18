// A tiny "shop" on two loopback origins: the page on 127.0.0.1, its API on localhost (cross-site).
// /api/cart allows the shop's origin; /api/recommendations forgot CORS altogether.
import http from 'node:http';

function listen(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export default async function startShop() {
  let shopOrigin = '';
  const api = await listen((req, res) => {
    if (req.url === '/api/cart') res.setHeader('access-control-allow-origin', shopOrigin);
    res.setHeader('vary', 'Origin');
    res.setHeader('content-type', 'application/json');
    res.end('{"items":[]}');
  });
  const apiOrigin = `http://localhost:${api.address().port}`;
  const page = (path) =>
    `<!doctype html><title>shop</title><script>fetch(${JSON.stringify(apiOrigin + path)}).then(r => r.json()).then(() => document.title = 'ok', () => document.title = 'failed')</script>`;
  const shop = await listen((req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(page(req.url === '/checkout' ? '/api/cart' : '/api/recommendations'));
  });
  shopOrigin = `http://127.0.0.1:${shop.address().port}`;
  process.env.SHOP_URL = shopOrigin;
  return async () => {
    api.close();
    shop.close();
  };
}
