"""PyTorch reference for the trainer's speed target: the `probe` trunk's training step, timed.

The same network as the trainer's `probe` preset (pre-activation ResNet v2 bottlenecks, units 2/2/2,
widths 256/512/1024, 7x7/2 stem with bias, 3x3/2 max pool, block 2 unstrided and block 3 dilated 2 as in
stride-8 mode, TF 'same' padding), the same loss (mean square of the last block-3 unit) and the same
RMSProp settings as the trainer's benchmark, so `ms/step` here and in `train-bench --probe-side 128`
compare one engine with another on one machine.

Run by hand (not part of the tests):
    apt-get install python3-torch      # Debian's PyTorch 1.13
    /usr/bin/python3 tools/pytorch-reference/probe_trunk.py --side 128 --batch 32 --threads 1 --repeats 5
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def same_pad(x, kernel, stride, rate=1):
    """TF 'same' padding: the extra pixel goes after, as tfjs does."""
    k = (kernel - 1) * rate + 1
    def total(size):
        out = -(-size // stride)
        return max((out - 1) * stride + k - size, 0)
    th, tw = total(x.shape[2]), total(x.shape[3])
    return F.pad(x, (tw // 2, tw - tw // 2, th // 2, th - th // 2))


class Conv(nn.Module):
    def __init__(self, cin, cout, kernel, stride=1, rate=1, bias=False):
        super().__init__()
        self.kernel, self.stride, self.rate = kernel, stride, rate
        self.conv = nn.Conv2d(cin, cout, kernel, stride=stride, dilation=rate, bias=bias)

    def forward(self, x):
        return self.conv(same_pad(x, self.kernel, self.stride, self.rate))


class Bottleneck(nn.Module):
    def __init__(self, cin, depth, stride, rate):
        super().__init__()
        mid = depth // 4
        self.stride = stride
        self.preact = nn.BatchNorm2d(cin)
        self.shortcut = None if cin == depth else Conv(cin, depth, 1, stride)
        self.conv1 = Conv(cin, mid, 1)
        self.bn1 = nn.BatchNorm2d(mid)
        self.conv2 = Conv(mid, mid, 3, stride, rate)
        self.bn2 = nn.BatchNorm2d(mid)
        self.conv3 = Conv(mid, depth, 1, bias=True)

    def forward(self, x):
        pre = F.relu(self.preact(x))
        if self.shortcut is not None:
            short = self.shortcut(pre)
        else:
            short = x[:, :, :: self.stride, :: self.stride] if self.stride > 1 else x
        r = F.relu(self.bn1(self.conv1(pre)))
        r = F.relu(self.bn2(self.conv2(r)))
        return short + self.conv3(r)


class ProbeTrunk(nn.Module):
    def __init__(self, units=(2, 2, 2), widths=(256, 512, 1024), stem=64):
        super().__init__()
        self.stem = Conv(3, stem, 7, 2, bias=True)
        layers, cin = [], stem
        for b, (n, width) in enumerate(zip(units, widths)):
            for u in range(n):
                last = u == n - 1
                stride = 2 if (last and b == 0) else 1
                rate = 2 if b == 2 else 1
                layers.append(Bottleneck(cin, width, stride, rate))
                cin = width
        self.units = nn.Sequential(*layers)

    def forward(self, x):
        x = self.stem(x)
        x = F.max_pool2d(same_pad(x, 3, 2), 3, 2)
        return self.units(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--side', type=int, default=128)
    p.add_argument('--batch', type=int, default=32)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--repeats', type=int, default=5)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    net = ProbeTrunk()
    params = sum(t.numel() for n, t in net.named_parameters())
    opt = torch.optim.RMSprop(net.parameters(), lr=1e-4, alpha=0.9, momentum=0.9, eps=1.0)
    images = torch.rand(a.batch, 3, a.side, a.side) * 2 - 1

    def step():
        opt.zero_grad(set_to_none=True)
        loss = net(images).square().mean()
        loss.backward()
        opt.step()

    step()
    step()
    times = []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f'pytorch {torch.__version__}, {a.threads} thread(s), probe trunk {params / 1e6:.2f} M parameters, '
          f'input {a.side}, batch {a.batch}: median {times[len(times) // 2]:.0f} ms/step, '
          f'min {times[0]:.0f}, max {times[-1]:.0f} ({a.repeats} steps)')


if __name__ == '__main__':
    main()
