// The package as an app developer uses it from webpack: named imports, nothing registered until init().
import { createMemoryAdapter, init } from 'service-hall';

const hall = init({ adapter: createMemoryAdapter(), locale: 'en', launcher: false });
document.querySelector('#help').addEventListener('click', () => hall.toggle());
hall.on('unread', ({ count }) => (document.title = count ? `(${count}) Service Hall` : 'Service Hall'));
