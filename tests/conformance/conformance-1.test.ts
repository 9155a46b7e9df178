import { defineShard } from './shard';

defineShard(0, 4);
