// Entry of the `wicm` CLI bundle the durability tests spawn (and kill -9) as real processes.
import { main } from '../../electron/host/cli/index';

await main(process.argv.slice(2));
