import { runRpcContract } from './rpc-contract';
import { startTestHost } from './engine-fixture';

runRpcContract('in-process dispatch', async () => {
  const { host, dir } = await startTestHost();
  return { call: host.dispatch, dir };
});
