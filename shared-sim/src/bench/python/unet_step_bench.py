"""PyTorch twin of the project's PH2 U-Net for the classical-engine speed benchmark (UNetStepBench).

Usage: unet_step_bench.py HEIGHT WIDTH CHANNELS BATCH WARMUPS REPEATS [THREADS]
Prints one line: "TORCH params=<n> median_s=<t> loss=<l> torch=<version> threads=<k>".

Same architecture as org.hybridqml.nn.unet.UNetBuilder: encoder filters [8, 16, 32, 16, 8], per block two 3x3
"same" convolutions + ReLU and a 2x2 max-pool; bottleneck 3x3 convolution with 2x the last filters + ReLU; per
decoder block a 3x3 stride-2 transposed convolution (padding 1, output_padding 1: output 2H x 2W), concatenation
with the skip, two 3x3 convolutions + ReLU; 1x1 head with sigmoid; binary cross-entropy averaged over pixels;
Adam (lr 1e-3, eps 1e-7). One step = forward, backward, Adam update, float32, NCHW.
"""
import sys
import time

import torch
import torch.nn as nn

FILTERS = [8, 16, 32, 16, 8]


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU(inplace=True))


class UNet(nn.Module):
    def __init__(self, channels, filters=FILTERS):
        super().__init__()
        self.enc = nn.ModuleList()
        cin = channels
        for f in filters:
            self.enc.append(block(cin, f))
            cin = f
        self.pool = nn.MaxPool2d(2, 2)
        self.bottleneck = nn.Sequential(nn.Conv2d(cin, 2 * cin, 3, padding=1), nn.ReLU(inplace=True))
        cin = 2 * cin
        self.up = nn.ModuleList()
        self.dec = nn.ModuleList()
        for f in reversed(filters):
            self.up.append(nn.ConvTranspose2d(cin, f, 3, stride=2, padding=1, output_padding=1))
            self.dec.append(block(2 * f, f))
            cin = f
        self.head = nn.Conv2d(cin, 1, 1)

    def forward(self, x):
        skips = []
        for enc in self.enc:
            x = enc(x)
            skips.append(x)
            x = self.pool(x)
        x = self.bottleneck(x)
        for up, dec, skip in zip(self.up, self.dec, reversed(skips)):
            x = dec(torch.cat([up(x), skip], dim=1))
        return torch.sigmoid(self.head(x))


def main():
    h, w, c, batch, warm, reps = (int(a) for a in sys.argv[1:7])
    threads = int(sys.argv[7]) if len(sys.argv) > 7 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    net = UNet(c)
    params = sum(p.numel() for p in net.parameters())
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.BCELoss()
    x = torch.rand(batch, c, h, w)
    y = (torch.rand(batch, 1, h, w) > 0.5).float()

    def step():
        opt.zero_grad()
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(warm):
        step()
    times = []
    loss = float("nan")
    for _ in range(reps):
        t0 = time.perf_counter()
        loss = step()
        times.append(time.perf_counter() - t0)
    times.sort()
    print("TORCH params=%d median_s=%.4f loss=%.4f torch=%s threads=%d"
          % (params, times[len(times) // 2], loss, torch.__version__, threads))


if __name__ == "__main__":
    main()
