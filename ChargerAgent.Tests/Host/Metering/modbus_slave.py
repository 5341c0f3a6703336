#!/usr/bin/python3
"""A Modbus RTU slave for the metering integration tests, built on pymodbus (Debian python3-pymodbus).

Serves one or more slave addresses on a serial device (one end of a socat pty pair) with registers
given on the command line; a register outside them answers exception 02 (illegal data address); an
address not named gets no answer at all, as on a real bus.

  modbus_slave.py --port /dev/pts/5 --baud 9600 --parity N \
      --registers 1:input:72=0x4640,0xE6B6 --registers 1:input:12=0x4366,0x8000 \
      --registers 5:holding:20480=0,0,13,4752 --registers 7:input:0=0

Prints "ready" on stdout once the port is open.
"""
import argparse
import asyncio
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusSlaveContext, ModbusServerContext
from pymodbus.datastore.store import BaseModbusDataBlock
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.server import StartAsyncSerialServer


class SparseBlock(BaseModbusDataBlock):
    """Registers that exist only where the test put values: anything else is an illegal data address."""

    def __init__(self, values):
        self.values = dict(values)
        self.default_value = 0
        self.address = min(self.values) if self.values else 0

    def validate(self, address, count=1):
        return count > 0 and all((address + i) in self.values for i in range(count))

    def getValues(self, address, count=1):
        return [self.values[address + i] for i in range(count)]

    def setValues(self, address, values):
        for i, value in enumerate(values if isinstance(values, list) else [values]):
            self.values[address + i] = value

    def reset(self):
        pass


def parse_registers(specs):
    """ADDRESS:input|holding:START=w1,w2,... -> {address: {"input": {reg: word}, "holding": {...}}}"""
    slaves = {}
    for spec in specs or []:
        address, kind, rest = spec.split(":", 2)
        if kind not in ("input", "holding"):
            raise SystemExit("register kind must be input or holding: " + spec)
        start, _, data = rest.partition("=")
        start = int(start, 0)
        table = slaves.setdefault(int(address), {"input": {}, "holding": {}})[kind]
        for i, word in enumerate(data.split(",")):
            table[start + i] = int(word, 0) & 0xFFFF
    return slaves


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", required=True)
    parser.add_argument("--baud", type=int, default=9600)
    parser.add_argument("--parity", default="N", choices=["N", "E", "O"])
    parser.add_argument("--registers", action="append", required=True,
                        help="ADDRESS:input|holding:START=w1,w2,... (input: function 04, holding: function 03)")
    args = parser.parse_args()

    slaves = {}
    for address, tables in parse_registers(args.registers).items():
        slaves[address] = ModbusSlaveContext(
            di=ModbusSequentialDataBlock(0, [0]),
            co=ModbusSequentialDataBlock(0, [0]),
            ir=SparseBlock(tables["input"]),
            hr=SparseBlock(tables["holding"]),
            zero_mode=True,
        )
    context = ModbusServerContext(slaves=slaves, single=False)
    server = await StartAsyncSerialServer(
        context=context,
        framer=ModbusRtuFramer,
        port=args.port,
        baudrate=args.baud,
        parity=args.parity,
        bytesize=8,
        stopbits=1,
        timeout=0.005,
        ignore_missing_slaves=True,
        defer_start=True,
    )
    await server.start()
    print("ready", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
